// A fake of CharacterData's prototype for the tests that load content scripts in Node (content-script.test.mjs,
// bounded-text.test.mjs): a fake text node keeps its text in `text`; `substringData` and `length` read it, and
// `copied(count)` hears how many characters each `substringData` gave out (session 49: the bound on what is copied).
export function fakeCharacterData(copied = () => {}) {
  return {
    prototype: Object.defineProperty(
      {
        substringData(offset, count) {
          const part = this.text.slice(offset, offset + count);
          copied(part.length);
          return part;
        },
      },
      'length',
      {
        get() {
          return this.text.length;
        },
      },
    ),
  };
}
