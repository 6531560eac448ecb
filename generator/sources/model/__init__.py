"""The validated policy model: what a school writes in YAML, checked field by field.

The JSON Schema that editors use for autocomplete is generated from these classes
(`policy-site schema`), so a field's description here is the help an admin sees.
"""
