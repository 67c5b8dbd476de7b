"""Validates a document against an official schema, as third-party tools would, and prints JSON.

    python validate_schema.py xsd  SCHEMA.xsd   < document.xml
    python validate_schema.py rng  SCHEMA.rng   < document.xml
    python validate_schema.py json SCHEMA.json  < instances.json   (a JSON array: each is checked)

XML Schema and RelaxNG through lxml (libxml2); JSON Schema through jsonschema, with the draft
the schema names ($schema) and every other *.json beside it registered under its id, so that
$refs resolve locally and nothing is fetched. Prints {"valid": bool, "errors": [...]}; each error
has a message and where it is (line for XML, index and path for JSON).
"""

import json
import sys
from pathlib import Path

MAX_ERRORS = 50


def validate_xml(kind: str, schema_path: Path, text: bytes) -> list[dict]:
    from lxml import etree

    # No network, no entities: the vendored schemas name each other by local file.
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    schema_doc = etree.parse(str(schema_path), parser)
    schema = etree.XMLSchema(schema_doc) if kind == "xsd" else etree.RelaxNG(schema_doc)
    try:
        document = etree.fromstring(text, parser)
    except etree.XMLSyntaxError as error:
        return [{"line": error.lineno, "message": f"not well-formed: {error.msg}"}]
    if schema.validate(document):
        return []
    return [{"line": e.line, "message": e.message} for e in list(schema.error_log)[:MAX_ERRORS]]


def validate_json(schema_path: Path, text: bytes) -> list[dict]:
    from jsonschema import FormatChecker
    from jsonschema.validators import validator_for
    from referencing import Registry, Resource
    from referencing.jsonschema import specification_with

    def resource(path: Path) -> tuple[str, Resource]:
        contents = json.loads(path.read_text(encoding="utf-8"))
        spec = specification_with(contents.get("$schema", "https://json-schema.org/draft/2020-12/schema"))
        uri = contents.get("$id") or contents.get("id") or path.as_uri()
        return uri.rstrip("#"), Resource(contents=contents, specification=spec)

    registry = Registry().with_resources(resource(p) for p in sorted(schema_path.parent.glob("*.json")))
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    cls = validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema, registry=registry, format_checker=FormatChecker())
    errors = []
    for index, instance in enumerate(json.loads(text)):
        for error in validator.iter_errors(instance):
            errors.append({"index": index, "path": "/".join(str(p) for p in error.absolute_path), "message": error.message})
    return errors[:MAX_ERRORS]


def main() -> None:
    kind, schema_path = sys.argv[1], Path(sys.argv[2])
    text = sys.stdin.buffer.read()
    errors = validate_json(schema_path, text) if kind == "json" else validate_xml(kind, schema_path, text)
    print(json.dumps({"valid": not errors, "errors": errors}, ensure_ascii=False))


if __name__ == "__main__":
    main()
