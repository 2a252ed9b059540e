"""Reading the dashboard's pages as a person does: tables by their caption, rows by their header,
text by element id. A small tree over the standard library's HTML parser."""

from __future__ import annotations

import re
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
_SPACES = re.compile(r"\s+")


class Node:
    def __init__(self, tag: str, attrs: dict, parent: Node | None):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs) -> list[Node]:
        attrs = {name.rstrip("_").replace("_", "-"): value for name, value in attrs.items()}
        return [
            node
            for node in self.iter()
            if (tag is None or node.tag == tag)
            and all(node.attrs.get(name) == value for name, value in attrs.items())
        ]

    def find(self, tag: str | None = None, **attrs) -> Node | None:
        found = self.find_all(tag, **attrs)
        return found[0] if found else None

    @property
    def text(self) -> str:
        parts: list[str] = []

        def walk(node: Node) -> None:
            for child in node.children:
                if isinstance(child, str):
                    parts.append(child)
                else:
                    walk(child)

        walk(self)
        return _SPACES.sub(" ", " ".join(parts)).strip()


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, dict(attrs), self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html: bytes | str) -> Node:
    builder = _Builder()
    builder.feed(html.decode() if isinstance(html, bytes) else html)
    return builder.root


def by_id(root: Node, element_id: str) -> Node:
    node = root.find(id=element_id)
    assert node is not None, f"no element with id {element_id!r}"
    return node


def table(root: Node, caption: str) -> Node:
    """The table whose caption contains `caption`."""
    for node in root.find_all("table"):
        found = node.find("caption")
        if found is not None and caption in found.text:
            return node
    raise AssertionError(f"no table captioned {caption!r}")


def rows(table_node: Node) -> dict[str, str]:
    """Each body row's text, by the text of its row header (th scope=row)."""
    found = {}
    for row in table_node.find_all("tr"):
        header = row.find("th", scope="row")
        if header is not None:
            found[header.text] = row.text
    return found


def facts(table_node: Node) -> dict[str, str]:
    """A two-column table of facts: header text -> value text."""
    found = {}
    for row in table_node.find_all("tr"):
        header, value = row.find("th"), row.find("td")
        if header is not None and value is not None:
            found[header.text] = value.text
    return found
