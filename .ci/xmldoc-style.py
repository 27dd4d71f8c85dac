#!/usr/bin/env python3
"""Rewrites the XML docs of src/**/*.cs to one sentence per <summary>: the detail in <remarks>, defaults in <value>.

Usage:
    .ci/xmldoc-style.py            rewrite in place every file under src/ that breaks the rule (idempotent)
    .ci/xmldoc-style.py --check    change nothing; list the offenders as file:line and exit 1 if there are any
    .ci/xmldoc-style.py PATH...    the same, over these files or folders instead of src/

What a sentence is (tests/BulkResume.Docs.Tests/XmlDocumentationStyleTests.cs says the same rules over the shipped
XML files): a sentence ends at '.', '!' or '?' (closing brackets or quotes may follow) when whitespace follows and
then more content that does not start with a lower-case letter. Only text directly inside the <summary> counts, never
text inside a child element (<c>, <code>, <see>, <paramref>, ...). The word before the period may not be an
abbreviation (e.g., i.e., etc., vs., cf.); numbers, versions, URLs and file names ("1.5", "0.1.0", "docs/paging.md")
hold no whitespace after their inner periods, so they never end one. A block element (<para>, <code>, <list>) starts
a new unit: a summary that holds one has more than one sentence.

A rewritten summary keeps its first sentence. The rest goes into <remarks> (a new one at the end of the comment, or a
first <para> of the existing one), except that on a property each later sentence stating a default ("Default 5.",
"Defaults to ...", "... by default ...") goes into <value>, as does a "(default X)" aside of the kept sentence. Lines
are re-wrapped at 120 columns, the width the hand-wrapped comments of src/ keep. Comments that hold <inheritdoc/> or
no <summary> are left as they are.
"""

import argparse
import os
import re
import sys

WIDTH = 120
ABBREVIATIONS = ("e.g", "i.e", "etc", "vs", "cf")
BLOCK_ELEMENTS = ("para", "code", "list")
TERMINATOR = re.compile(r"[.!?][)\]\"']*(?=\s)")
# A sentence that states a default: "Default 5.", "Defaults to X.", "Off by default.", "The default is X."
DEFAULT_SENTENCE = re.compile(r"^(?:defaults?\b|the default is\b)|\bby default\b|\bdefaults to\b", re.IGNORECASE)
# A default stated as an aside of the one sentence a property's summary keeps: "(default 3)", "X (the default)".
DEFAULT_ASIDE = re.compile(r"\s*\((?:the )?default(?::\s*|\s+(?=[^)]))?([^)]*)\)", re.IGNORECASE)
DOC_LINE = re.compile(r"^(\s*)///(.*)$")
TOKEN = re.compile(r"<!--.*?-->|<[^>]*>|[^<]+", re.DOTALL)
NOT_A_PROPERTY = re.compile(r"\b(class|struct|record|interface|enum|delegate|event|const)\b")


class Element:
    """An XML element of a doc comment, kept as written so that what is not rewritten comes back byte for byte."""

    def __init__(self, name, start, children, end):
        self.name, self.start, self.children, self.end = name, start, children, end

    def xml(self):
        return self.start + "".join(node_xml(child) for child in self.children) + self.end


def node_xml(node):
    return node if isinstance(node, str) else node.xml()


def parse(text):
    """The nodes of a doc comment's text: strings and Elements. None when the XML is not well nested."""
    stack = [Element(None, "", [], "")]
    for token in TOKEN.findall(text):
        if token.startswith("</"):
            name = token[2:-1].strip()
            if stack[-1].name != name:
                return None
            done = stack.pop()
            done.end = token
            stack[-1].children.append(done)
        elif token.startswith("<!--") or token.startswith("<?"):
            stack[-1].children.append(token)
        elif token.startswith("<"):
            name = re.match(r"<\s*([\w:.-]+)", token)
            if not name:
                return None
            if token.endswith("/>"):
                stack[-1].children.append(Element(name.group(1), token, [], ""))
            else:
                stack.append(Element(name.group(1), token, [], ""))
        elif stack[-1].children and isinstance(stack[-1].children[-1], str):
            stack[-1].children[-1] += token
        else:
            stack[-1].children.append(token)
    return stack[0].children if len(stack) == 1 else None


def is_abbreviation(text, period):
    word = re.search(r"(\S*)$", text[:period]).group(1).lower().lstrip("(\"'")
    return word in ABBREVIATIONS


def units(nodes):
    """Splits content into units: each a list of nodes (one sentence) or a block Element. See the module's rules."""
    nodes = [node for node in nodes]
    result, current = [], []

    def close():
        if "".join(node_xml(node) for node in current).strip():
            result.append(current[:])
        current.clear()

    for index, node in enumerate(nodes):
        if isinstance(node, Element):
            if node.name in BLOCK_ELEMENTS:
                close()
                result.append(node)
            else:
                current.append(node)
            continue
        text, start = node, 0
        for match in TERMINATOR.finditer(text):
            if is_abbreviation(text, match.start()):
                continue
            after = text[match.end():].lstrip()
            if after:
                if after[0].islower():
                    continue
            elif not any(isinstance(n, Element) or n.strip() for n in nodes[index + 1:]):
                continue
            current.append(text[start:match.end()])
            close()
            start = match.end()
        rest = text[start:]
        if not current:
            rest = rest.lstrip()
        if rest:
            current.append(rest)
    close()
    return result


def summary_units(summary):
    children = summary.children
    meaningful = [node for node in children if isinstance(node, Element) or node.strip()]
    if meaningful and isinstance(meaningful[0], Element) and meaningful[0].name == "para":
        # A summary that opens with a paragraph: that paragraph's sentences come first, then the rest.
        first = children.index(meaningful[0])
        return units(meaningful[0].children) + units(children[first + 1:])
    return units(children)


def flat(nodes):
    """One line of XML: runs of whitespace (line breaks included) become one space."""
    return re.sub(r"\s+", " ", "".join(node_xml(node) for node in nodes)).strip()


def words(text, width):
    """The words of one line of XML: a tag is never split, nor a <c>...</c> that fits on half a line."""
    result, word = [], ""
    for atom in re.findall(r"<c>.*?</c>|<[^>]*>|\s+|[^<\s]+", text):
        if atom.startswith("<c>") and len(atom) > width // 2 and len(atom.split()) > 1:
            inner = atom.split()
            result += [word + inner[0]] + inner[1:-1]
            word = inner[-1]
        elif atom.isspace():
            if word:
                result.append(word)
            word = ""
        else:
            word += atom
    if word:
        result.append(word)
    return result


def wrap(text, width):
    lines, line = [], ""
    for word in words(text, width):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines


def render(name, chunks, width):
    """Lines of an element holding chunks: strings (wrapped) and block Elements (their lines kept as written)."""
    if len(chunks) == 1 and isinstance(chunks[0], str):
        single = f"<{name}>{chunks[0]}</{name}>"
        if len(single) <= width:
            return [single]
    lines = [f"<{name}>"]
    for chunk in chunks:
        if isinstance(chunk, str):
            lines += wrap(chunk, width)
        else:
            lines += [line.rstrip() for line in chunk.xml().strip().split("\n")]
    return lines + [f"</{name}>"]


def chunks_of(unit_list):
    """Units as chunks for render(): neighbouring sentences joined into one paragraph of text."""
    chunks = []
    for unit in unit_list:
        if isinstance(unit, Element):
            chunks.append(unit)
        elif chunks and isinstance(chunks[-1], str):
            chunks[-1] += " " + flat(unit)
        else:
            chunks.append(flat(unit))
    return chunks


def plain(xml):
    """The words of a piece of XML without its tags, for the default patterns."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]*>", " X ", xml)).strip()


def declaration_after(lines, index):
    """The line of code a doc comment documents (the first after it that is not an attribute), and the next line."""
    for at in range(index, len(lines)):
        stripped = lines[at].strip()
        if stripped and not stripped.startswith("[") and not stripped.startswith("//"):
            return stripped, lines[at + 1] if at + 1 < len(lines) else ""
    return "", ""


def is_property(declaration, following):
    code = re.sub(r"//.*", "", declaration)
    if NOT_A_PROPERTY.search(code):
        return False
    head = re.split(r"=>|\{|=", code)[0]
    if re.search(r"\w\s*(<[^<>]*>)?\s*\($", head.strip()) or re.search(r"[\w>]\s*(<[^<>]*>)?\s*\(", head):
        return bool(re.search(r"\bthis\s*\[", head))
    if "=>" in code or "{" in code:
        return True
    return code.endswith(("]", ")")) is False and not code.endswith(";") and following.lstrip().startswith("{")


class Block:
    """One doc comment: its lines in a file, their indentation, and its parsed XML."""

    def __init__(self, lines, first, last):
        self.first, self.last = first, last
        match = DOC_LINE.match(lines[first])
        self.indent = match.group(1)
        self.texts = []
        for line in lines[first:last + 1]:
            text = DOC_LINE.match(line).group(2)
            self.texts.append(text[1:] if text.startswith(" ") else text)
        self.nodes = parse("\n".join(self.texts))

    def element_lines(self, name):
        """(element, first line, last line) of the top-level element, lines relative to the block; or None."""
        offset = 0
        for node in self.nodes or []:
            xml = node_xml(node)
            if isinstance(node, Element) and node.name == name:
                text = "\n".join(self.texts)
                before = text[:offset]
                first = before.count("\n")
                last = first + xml.count("\n")
                alone = before[before.rfind("\n") + 1:].strip() == "" and \
                    text[offset + len(xml):].split("\n", 1)[0].strip() == ""
                return node, first, last, alone
            offset += len(xml)
        return None

    def line(self, text):
        return f"{self.indent}/// {text}".rstrip() if text else f"{self.indent}///"


def doc_blocks(lines):
    index = 0
    while index < len(lines):
        match = DOC_LINE.match(lines[index])
        if not match:
            index += 1
            continue
        first = index
        while index + 1 < len(lines) and (next_match := DOC_LINE.match(lines[index + 1])) \
                and next_match.group(1) == match.group(1):
            index += 1
        yield first, index
        index += 1


def default_aside(sentence):
    """The kept sentence without its "(default X)" aside, and the value sentence the aside makes; or None."""
    match = DEFAULT_ASIDE.search(sentence)
    if not match:
        return None
    value = match.group(1).strip()
    rest = sentence[:match.start()] + sentence[match.end():]
    if not value:
        # "X (default)" or "X (the default)": the default is the word or element before the aside.
        before = re.search(r"(<[^<>]*/>|<(\w+)[^<>]*>[^<]*</\2>|[^\s;,:]+)\s*$", sentence[:match.start()])
        if not before:
            return None
        value = before.group(1)
    value = value.rstrip(".")
    return re.sub(r"\s+([;,.:])", r"\1", rest), f"Default {value}."


def problems(block, declaration, following):
    """What breaks the rule in this comment (for --check): a line number in the block and the reason."""
    found = []
    summary = block.element_lines("summary")
    if summary is None:
        return found
    node, first, _, _ = summary
    parts = summary_units(node)
    if len(parts) > 1:
        found.append((first, f"<summary> of {len(parts)} sentences"))
    elif parts and not isinstance(parts[0], Element) and is_property(declaration, following) \
            and block.element_lines("value") is None and mentions_default(flat(parts[0])):
        found.append((first, "<summary> of a property states its default, and there is no <value>"))
    return found


def mentions_default(sentence):
    return bool(DEFAULT_SENTENCE.search(plain(sentence)) or DEFAULT_ASIDE.search(sentence))


def rewrite(block, declaration, following):
    """The block's new lines, or None when it keeps its own (already one sentence, or nothing this script can do)."""
    if block.nodes is None or any(isinstance(n, Element) and n.name == "inheritdoc" for n in block.nodes):
        return None
    found = block.element_lines("summary")
    if found is None:
        return None
    summary, first, last, alone = found
    if not alone:
        return None
    parts = summary_units(summary)
    if not parts or isinstance(parts[0], Element):
        return None
    property_ = is_property(declaration, following)
    kept = flat(parts[0])
    rest = parts[1:]
    if len(rest) >= 1 and isinstance(rest[0], Element) and kept.endswith(":"):
        # "Builds X like this:" before a <code> example: the summary ends there, the example opens the remarks.
        kept = kept[:-1] + "."
    values = []
    if property_ and block.element_lines("value") is None:
        aside = default_aside(kept) if mentions_default(kept) else None
        if aside:
            kept, value = aside
            values.append(value)
        values += [flat(unit) for unit in rest if not isinstance(unit, Element) and DEFAULT_SENTENCE.search(plain(flat(unit)))]
        rest = [unit for unit in rest if isinstance(unit, Element) or flat(unit) not in values]
    if not rest and not values:
        return None

    width = WIDTH - len(block.line("x")) + 1
    texts = block.texts[:first] + render("summary", [kept], width)
    if values:
        texts += render("value", [" ".join(values)], width)
    texts += block.texts[last + 1:]
    new = [block.line(text) for text in texts]
    if rest:
        new = add_remarks(block, new, chunks_of(rest), width)
    return new


def add_remarks(block, new_lines, chunks, width):
    """Lines with the chunks as the remarks: a new <remarks> at the end, or the first paragraph of the existing one."""
    texts = [DOC_LINE.match(line).group(2)[1:] if DOC_LINE.match(line).group(2).startswith(" ")
             else DOC_LINE.match(line).group(2) for line in new_lines]
    again = Block.__new__(Block)
    again.indent, again.texts, again.nodes = block.indent, texts, parse("\n".join(texts))
    existing = again.element_lines("remarks")
    if existing is None:
        return new_lines + [block.line(text) for text in render("remarks", chunks, width)]
    remarks, first, last, alone = existing
    # The old remarks stay as written after the moved text, whose text paragraphs become <para>s of their own.
    para = []
    for chunk in chunks:
        if isinstance(chunk, str):
            para += wrap(f"<para>{chunk}</para>", width)
        else:
            para += [line.rstrip() for line in chunk.xml().strip().split("\n")]
    old = remarks.children
    if alone and texts[first].strip() == "<remarks>" and texts[last].strip() == "</remarks>":
        inner = texts[first + 1:last]
    else:
        inner = wrap(flat(old), width) if all(isinstance(n, str) or n.name not in BLOCK_ELEMENTS for n in old) \
            else [line.rstrip() for line in "".join(node_xml(n) for n in old).strip().split("\n")]
    merged = ["<remarks>"] + para + inner + ["</remarks>"]
    return new_lines[:first] + [block.line(text) for text in merged] + new_lines[last + 1:]


def process(path, check):
    with open(path, encoding="utf-8", newline="") as file:
        source = file.read()
    newline = "\r\n" if "\r\n" in source else "\n"
    lines = source.split(newline)
    output, offenders, position = [], [], 0
    for first, last in doc_blocks(lines):
        block = Block(lines, first, last)
        declaration, following = declaration_after(lines, last + 1)
        if check:
            offenders += [(first + offset + 1, reason) for offset, reason in problems(block, declaration, following)]
            continue
        new = rewrite(block, declaration, following)
        if new is not None:
            output += lines[position:first] + new
            position = last + 1
    if check:
        return offenders
    output += lines[position:]
    result = newline.join(output)
    if result != source:
        with open(path, "w", encoding="utf-8", newline="") as file:
            file.write(result)
        return [path]
    return []


def sources(paths):
    for root in paths:
        if os.path.isfile(root):
            yield root
            continue
        for directory, folders, files in os.walk(root):
            folders[:] = sorted(f for f in folders if f not in ("bin", "obj"))
            for name in sorted(files):
                if name.endswith(".cs"):
                    yield os.path.join(directory, name)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; list offenders and exit 1 if any")
    parser.add_argument("paths", nargs="*", help="files or folders (default: src/ of this repository)")
    arguments = parser.parse_args()
    paths = arguments.paths or [os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")]
    count = 0
    for path in sources(paths):
        for item in process(path, arguments.check):
            count += 1
            if arguments.check:
                line, reason = item
                print(f"{os.path.relpath(path)}:{line}: {reason}")
    if arguments.check:
        print(f"{count} offender(s)", file=sys.stderr)
        return 1 if count else 0
    print(f"rewrote {count} file(s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
