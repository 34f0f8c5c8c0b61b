#!/usr/bin/env python3
"""json-validate.py SCHEMA FILE...: validate JSON files against a JSON schema.

Uses the python3-jsonschema library (Debian package python3-jsonschema,
installed by scripts/install-deps.sh), with the validator of the draft the
schema declares (draft 4 for SARIF 2.1.0, draft 7 for OTM) and format
checking on. Prints every error with the JSON path of the value at fault and
exits 1 if a file is invalid, 2 if the library is missing.
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("json-validate: python3-jsonschema is not installed "
          "(Debian: apt-get install python3-jsonschema)", file=sys.stderr)
    sys.exit(2)


def path_of(error):
    p = "$"
    for part in error.absolute_path:
        p += "[%d]" % part if isinstance(part, int) else "." + str(part)
    return p


def main():
    if len(sys.argv) < 3:
        print("usage: json-validate.py SCHEMA FILE...", file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(
        schema, default=jsonschema.Draft7Validator)
    cls.check_schema(schema)
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER
                    if hasattr(cls, "FORMAT_CHECKER")
                    else jsonschema.FormatChecker())
    bad = 0
    for name in sys.argv[2:]:
        with open(name, encoding="utf-8") as f:
            doc = json.load(f)
        errors = sorted(validator.iter_errors(doc), key=lambda e:
                        list(map(str, e.absolute_path)))
        for e in errors:
            print("%s: %s: %s" % (name, path_of(e), e.message),
                  file=sys.stderr)
        if errors:
            bad += 1
        else:
            print("%s: valid (%s)" % (name, cls.__name__))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
