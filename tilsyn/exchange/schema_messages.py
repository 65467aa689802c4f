"""JSON Schema errors (from fastjsonschema) told in plain Norwegian, with the field's path in the line."""
import fastjsonschema

TYPE_NAMES = {
    "string": "tekst",
    "integer": "et heltall",
    "number": "et tall",
    "boolean": "true eller false",
    "array": "en liste",
    "object": "et objekt",
    "null": "null",
}

# What a pattern in case.schema.json asks for, as the person fixing the file would say it.
PATTERN_MESSAGES = {
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "«{value}» er ikke en dato på formen ÅÅÅÅ-MM-DD",
    "^[A-Za-z0-9._/-]{1,64}$": "«{value}» er ikke en gyldig ekstern id (1–64 tegn av A–Z a–z 0–9 . _ / -)",
    "^[0-9]{4}/[1-9][0-9]{0,8}$": "«{value}» er ikke et saksnummer på formen ÅÅÅÅ/N",
    "^[0-9]{4}$": "«{value}» er ikke et kommunenummer med fire sifre",
    "^([0-9]{4})?$": "«{value}» er ikke et postnummer med fire sifre",
    "^([0-9]{11})?$": "«{value}» er ikke et fødselsnummer med elleve sifre",
    "^([0-9]{9})?$": "«{value}» er ikke et organisasjonsnummer med ni sifre",
    "^[A-Z]{2,16}$": "ukjent embete «{value}»",
}
UUID_MESSAGE = "«{value}» er ikke en UUID"


def field_path(name: str | None) -> str | None:
    """fastjsonschema's `data.parties[0].role` as `parties[0].role`; None for the line itself."""
    if not name or name == "data":
        return None
    return name.removeprefix("data.")


def join_path(path: str | None, key: str) -> str:
    return key if path is None else f"{path}.{key}"


def schema_problem_message(error: fastjsonschema.JsonSchemaValueException) -> tuple[str | None, str]:
    """(field, message) for one schema error."""
    path = field_path(error.name)
    rule, expected, value = error.rule, error.rule_definition, error.value
    if rule == "required":
        missing = [key for key in expected if key not in value]
        return join_path(path, missing[0]), "mangler (feltet er påkrevd)"
    if rule == "additionalProperties":
        unknown = sorted(key for key in value if key not in error.definition.get("properties", {}))
        return join_path(path, unknown[0]), "ukjent felt"
    if rule == "type":
        return path, type_message(expected, value, path)
    if rule == "enum":
        allowed = ", ".join(f"«{v}»" for v in expected if v not in ("", None))
        return path, f"ugyldig verdi «{value}» (tillatt: {allowed})"
    if rule == "pattern":
        template = PATTERN_MESSAGES.get(expected, UUID_MESSAGE if "a-fA-F" in expected else "«{value}» har feil form")
        return path, template.format(value=value)
    return path, simple_rule_message(rule, expected, error)


def type_message(expected, value, path: str | None) -> str:
    if path is None:
        return "linjen er ikke et JSON-objekt"
    names = [TYPE_NAMES[t] for t in ([expected] if isinstance(expected, str) else expected) if t != "null"]
    return f"skal være {' eller '.join(names)}, ikke {json_type(value)}"


def json_type(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "et tall"
    if isinstance(value, str):
        return "tekst"
    if isinstance(value, list):
        return "en liste"
    if isinstance(value, dict):
        return "et objekt"
    return "null"


def simple_rule_message(rule: str, expected, error) -> str:
    if rule == "minLength" and expected == 1:
        return "kan ikke være tom"
    messages = {
        "minLength": f"er for kort (minst {expected} tegn)",
        "maxLength": f"er for lang (høyst {expected} tegn)",
        "minimum": f"må være minst {expected}",
        "maximum": f"kan være høyst {expected}",
        "uniqueItems": "har samme verdi flere ganger",
    }
    return messages.get(rule, error.message)
