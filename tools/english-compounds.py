#!/usr/bin/env python3
"""Writes data/english/compounds.txt's candidates: the labels within two edits of a long brand name (src/name_edits.rs) that
are English words or compounds of two or three English words, none of them the name (issue 11, session 49).
  WAMERICAN=/usr/share/dict/american-english JOINGUARD_WRITE_ENGLISH=1 \
    cargo test -p joinguard --lib the_english_compounds_are_the_word_list_s
(that test runs `python3 tools/english-compounds.py NAMES_FILE SHORT_NAMES_FILE DICT`, with the engine's long
names one a line in NAMES_FILE and the ordinary-word ones `slipped_name` reads in SHORT_NAMES_FILE, and keeps the
candidates `name_edits::EditedNames::check_edits` takes; without the variable it compares them with the committed
file). DICT: Debian's wamerican word list (`/usr/share/dict/american-english`,
`apt-get download wamerican` and `dpkg -x`), SCOWL by Kevin Atkinson, http://wordlist.aspell.net/.

Only labels that are the name with two letters put in, every letter of the name kept (`team|re|viewer`,
`whats|up|app`, `riverside|f(ar)m`: the false alarms session 48 pinned): one slip that happens to make a word
(`whatapp`, `what|app`; `googlemet`, `google|met`; `teaviewer`) is the typosquatter's mistyped address, and so
are letters changed or moved into a word (`whatssap`, `whats|sap`): those stay misspellings.

Also the words that are an ordinary-word name of five or six letters (`signal`, `teams`, `slack`) with one letter changed
or two neighbours swapped (`terms`, `slick`, `slack`'s `black`): `lookalike::slipped_name` counts such a slip
under a cheap ending only when it makes no word (`signel.top`).

The engine ships only this derived list, not the 100k words (the wasm package's size: issue 14). A label counts
when it is within optimal string alignment distance two of a name, keeps the name's first letter, is at most one
letter shorter and two longer (the reach of `name_edits::check`), does not hold the name, and splits wholly
into one to three words of the list. Words: the list's all-lower-case entries (its capitalised proper nouns and
its entries with an apostrophe left out: a host name holds neither; `whats` is an entry of its own), of three
letters or more, or of two letters when they are a function word of `TWO_LETTER_WORDS` (`up`, `on`, `me`). The list's
other two-letter entries are abbreviations, roman numerals, Greek letters and symbols (`pp`, `hp`, `ii`, `ix`, `yd`,
`mu`, `pi`), which would make `whatspp` (a letter dropped from `whatsapp`) or `whatsiiapp` (two put in) compounds
(session 50; session 49 took every two-letter entry with a vowel, 69 of them)."""
import hashlib
import sys

VOWELS = set("aeiouy")
# The two-letter words of Snowball's English stop-word list (the words at the start of a line, not the ones its
# comments name: `us` is commented out there, "US = United States"), Martin Porter's, BSD licence:
# https://github.com/snowballstem/snowball-website/blob/8ee5cf948ac1e90c4eeb4f5258b8e01950baa765/algorithms/english/stop.txt
# (formerly http://snowball.tartarus.org/algorithms/english/stop.txt), read 2026-12-07. Function words only: a
# label's two letters put in between a name's words read as English only when they are one of these.
TWO_LETTER_WORDS = {
    "me", "my", "we", "he", "it", "am", "is", "be", "do", "an", "if", "or", "as", "of", "at", "by", "to", "up",
    "in", "on", "no", "so",
}
MAX_WORDS = 3
MAX_EDITS = 2


def words_of(path):
    words = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            w = line.strip()
            if not w.isascii() or not w.isalpha() or not w.islower():
                continue
            if len(w) >= 3 or w in TWO_LETTER_WORDS:
                words.add(w)
    return words


def trie_of(words):
    root = {}
    for w in words:
        node = root
        for c in w:
            node = node.setdefault(c, {})
        node["$"] = True
    return root


def compounds(name, root):
    """Every string within MAX_EDITS edits of `name` (an alignment: letters kept, changed, put in, left out,
    neighbours swapped) that splits into at most MAX_WORDS words of the trie, walked letter by letter so that
    only prefixes of words are ever tried."""
    found = set()
    seen = set()
    n = len(name)

    def walk(i, d, node, nwords, text):
        key = (i, d, id(node), nwords, text)
        if key in seen:
            return
        seen.add(key)
        # A word ends here: the next letter starts another.
        if node is not root and node.get("$") and nwords < MAX_WORDS:
            walk(i, d, root, nwords + 1, text)
        if i == n and node is root and nwords > 0:
            found.add(text)

        def put(c, i2, d2):
            child = node.get(c)
            if child is not None and c != "$":
                walk(i2, d2, child, nwords, text + c)

        if i < n:
            put(name[i], i + 1, d)
        if d < MAX_EDITS:
            for c in node:
                if c == "$":
                    continue
                put(c, i, d + 1)  # put in
                if i < n and c != name[i]:
                    put(c, i + 1, d + 1)  # changed
            if i < n:
                walk(i + 1, d + 1, node, nwords, text)  # left out
            if i + 1 < n and name[i] != name[i + 1]:
                first = node.get(name[i + 1])
                if first is not None:
                    second = first.get(name[i])
                    if second is not None:
                        walk(i + 2, d + 1, second, nwords, text + name[i + 1] + name[i])

    walk(0, 0, root, 0, "")
    return {
        t
        for t in found
        if t[0] == name[0] and n - 1 <= len(t) <= n + 2 and name not in t
    }


def two_put_in(label, name):
    """Whether `label` is `name` with two letters put in (every letter of the name kept, in order)."""
    if len(label) != len(name) + MAX_EDITS:
        return False
    rest = iter(label)
    return all(letter in rest for letter in name)


def pieces_of(name, words):
    """The name's own words: its splits into the fewest words of the list, of three letters or more but for a
    last piece of two letters without a vowel (`fm` of `riversidefm`, an abbreviation): `team|viewer`,
    `whats|app`, `riverside|fm`, `big|blue|button`; `discord`, a word, is one piece. The fewest, because short
    words cut a name nearly anywhere (`off|ice|teams`, `dis|cord`), and a piece cut so is not what a reader sees."""
    best = [None] * (len(name) + 1)
    best[0] = [[]]
    for end in range(1, len(name) + 1):
        for start in range(end):
            piece = name[start:end]
            ends_name = end == len(name) and len(piece) == 2 and not VOWELS & set(piece)
            if best[start] is None or not ((len(piece) >= 3 and piece in words) or ends_name):
                continue
            splits = [split + [piece] for split in best[start]]
            if best[end] is None or len(splits[0]) < len(best[end][0]):
                best[end] = splits
            elif len(splits[0]) == len(best[end][0]):
                best[end] += splits
    return best[len(name)] or []


def ordinary(label, pieces, words):
    """Whether `label` is one word, or the name's own words (`pieces_of`) with one of them changed for another
    word or a word put in between two: `team|reviewer` (`viewer` changed), `whats|up|app` (`up` put in),
    `riverside|farm` (`fm` changed). Other compounds are left out: short words patch nearly any string of
    letters (`face|t|nil|me`, `click|meet|iii`), so that a misspelling would pass for words."""
    if label in words:
        return True
    for split in pieces:
        for i in range(len(split)):
            before, after = "".join(split[:i]), "".join(split[i + 1:])
            # `split[i]` changed for a word.
            word = label[len(before):len(label) - len(after)] if len(label) > len(before) + len(after) else None
            if (
                word
                and label.startswith(before)
                and label.endswith(after)
                and word != split[i]
                and word in words
            ):
                return True
            # A word put in after `split[i]`.
            if i + 1 < len(split):
                before, after = "".join(split[:i + 1]), "".join(split[i + 1:])
                word = label[len(before):len(label) - len(after)] if len(label) > len(before) + len(after) else None
                if word and label.startswith(before) and label.endswith(after) and word in words:
                    return True
    return False


def one_changed(word, name):
    """Whether `word` is `name` with one letter changed or two neighbours swapped."""
    if len(word) != len(name) or word == name:
        return False
    diffs = [i for i in range(len(name)) if word[i] != name[i]]
    return len(diffs) == 1 or (
        len(diffs) == 2
        and diffs[1] == diffs[0] + 1
        and word[diffs[0]] == name[diffs[1]]
        and word[diffs[1]] == name[diffs[0]]
    )


def names_in(path):
    with open(path, encoding="utf-8") as f:
        return sorted({line.strip() for line in f if line.strip()})


def main():
    names_path, short_path, dict_path = sys.argv[1], sys.argv[2], sys.argv[3]
    names, short = names_in(names_path), names_in(short_path)
    words = words_of(dict_path)
    root = trie_of(words)
    labels = set()
    for name in names:
        pieces = pieces_of(name, words)
        labels |= {
            label
            for label in compounds(name, root)
            if two_put_in(label, name) and ordinary(label, pieces, words)
        }
    # The short names' words: `slipped_name` counts a letter changed in them only when it makes no word.
    for name in short:
        labels |= {word for word in words if one_changed(word, name)}
    out = sys.stdout
    with open(dict_path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    out.write(
        "# Generated by tools/english-compounds.py and src/lookalike.rs's test from Debian's wamerican "
        "2020.12.07-2 (SCOWL; american-english sha256 " + digest + "); do not edit.\n"
    )
    out.write("# names: " + " ".join(names) + "\n")
    out.write("# short names: " + " ".join(short) + "\n")
    for label in sorted(labels):
        out.write(label + "\n")


if __name__ == "__main__":
    main()
