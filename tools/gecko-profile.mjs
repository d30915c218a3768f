// Reads a Gecko profile (the JSON nsIProfiler's dumpProfileToFileAsync writes: the parent process's profile with
// its child processes' under `processes`) for tools/measure-content-cost.mjs: CPU milliseconds spent on the main
// thread of the web-content processes, split by what was on the stack.
//
// Format (the raw "Gecko profile format", version 34 as Firefox ESR 153 writes it): each process's threads have
// `samples`, `stackTable` and `frameTable` as { schema: {column: index}, data: [rows] }, and a `stringTable`; a
// sample's stack is a chain of stackTable rows through `prefix`, each naming a frameTable row with a `location`
// string (a JS function as "name (url:line:column)[source]", a label frame as its label) and a `category`, an index
// into meta.categories. With the `cpu` feature each sample carries `threadCPUDelta`, the thread's CPU time since
// the previous sample, in meta.sampleUnits.threadCPUDelta (ns on Linux). Web pages run in processes named "Web
// Content" or, site-isolated, "Isolated Web Content"; extension pages and backgrounds in "WebExtensions".
//
// Firefox's own WebExtension code (resource://gre/modules/Extension*.sys.mjs, Schemas.sys.mjs, the API modules
// chrome://extensions/content/child/ext-*.js) runs in the page's process when a content script calls the API:
// the first read of `browser` in a process builds the API object from the schemas. A sample with such a frame
// inside (called from) an extension's frame is counted as `extension API` too: the part of an extension's time
// that is Firefox serving its calls rather than its own code.

const table = ({ schema, data }) => data.map((row) => Object.fromEntries(Object.entries(schema).map(([key, i]) => [key, row[i]])));

/** Whether a thread is the main thread of a process that shows web pages (not the parent, not the extension process). */
const isWebContentMain = (thread) => thread.name === 'GeckoMain' && /^(Isolated )?Web Content$/.test(thread.processName ?? '');

/** Whether a frame's location is Firefox's own privileged JavaScript (its WebExtension framework among it). */
const isFirefoxCode = (location) => /\((resource|chrome):\/\//.test(location);

/**
 * @param {object} profile a parsed Gecko profile
 * @returns {{script: number, extension: number, 'extension API': number, 'main thread': number,
 *   where: Map<string, number>}} CPU ms over every web-content process's main thread: samples with a frame of the
 *   JavaScript category on the stack (JS functions, Firefox's own included, and the labels around running them),
 *   samples with a moz-extension:// frame, those of them with Firefox's own JS called from it, all samples;
 *   `where`: the extension samples' ms by their innermost moz-extension:// frame.
 */
export function pageCost(profile) {
  const cost = { script: 0, extension: 0, 'extension API': 0, 'main thread': 0 };
  const where = new Map();
  const unit = profile.meta.sampleUnits?.threadCPUDelta;
  const toMs = { ns: 1e-6, 'µs': 1e-3 }[unit];
  if (!toMs) throw new Error(`threadCPUDelta in ${unit ?? 'nothing'}: start the profiler with the cpu feature (Linux)`);
  const javaScript = profile.meta.categories.findIndex(({ name }) => name === 'JavaScript');
  const threads = [profile, ...(profile.processes ?? [])].flatMap((process) => process.threads);
  for (const thread of threads.filter(isWebContentMain)) {
    const strings = thread.stringTable;
    const frames = table(thread.frameTable).map(({ location, category }) => {
      const text = strings[location];
      return {
        js: category === javaScript,
        extension: text.includes('moz-extension://') ? text.replace(/\[\d+\]$/, '') : null,
        firefox: isFirefoxCode(text),
      };
    });
    // What each stack holds, computed once per stack row (a row's prefix comes before it).
    const stacks = [];
    for (const { prefix, frame } of table(thread.stackTable)) {
      const parent = prefix === null ? { js: false, extension: null, api: false } : stacks[prefix];
      stacks.push({
        js: parent.js || frames[frame].js,
        extension: frames[frame].extension ?? parent.extension,
        api: parent.api || (parent.extension !== null && frames[frame].firefox),
      });
    }
    for (const { stack, threadCPUDelta } of table(thread.samples)) {
      const ms = (threadCPUDelta ?? 0) * toMs;
      cost['main thread'] += ms;
      if (stack === null || stack === undefined) continue;
      const { js, extension, api } = stacks[stack];
      if (js) cost.script += ms;
      if (extension) {
        cost.extension += ms;
        if (api) cost['extension API'] += ms;
        where.set(extension, (where.get(extension) ?? 0) + ms);
      }
    }
  }
  return { ...cost, where };
}
