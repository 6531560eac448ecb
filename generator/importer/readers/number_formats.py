"""Write a list counter the way a Word number format (or an ODF list style) shows it: 4 as "4", "04", "d", "D", "iv", "IV", "4th", "Four"."""

from __future__ import annotations

ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
ORDINAL_WORDS = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth", "nine": "ninth", "twelve": "twelfth"}


def roman(number: int) -> str:
    """Lower-case Roman numerals; Word writes 0 and negatives as plain digits."""
    if number <= 0:
        return str(number)
    out = []
    for value, letters in ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def letters(number: int) -> str:
    """Word's and ODF's letter numbering: a..z, then aa..zz, aaa.. (the letter repeated, not a base-26 count)."""
    if number <= 0:
        return str(number)
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def cardinal_text(number: int) -> str:
    """One, Two, ... Ninety-Nine, with hundreds spelled out; past 9999 the digits (rare in a policy)."""
    if not 0 <= number < 10000:
        return str(number)
    return _words(number).capitalize()


def _words(number: int) -> str:
    if number < 20:
        return UNITS[number]
    if number < 100:
        tens, units = divmod(number, 10)
        return TENS[tens] + (f"-{UNITS[units]}" if units else "")
    for size, name in ((1000, "thousand"), (100, "hundred")):
        if number >= size:
            head, rest = divmod(number, size)
            return f"{_words(head)} {name}" + (f" {_words(rest)}" if rest else "")
    return str(number)


def ordinal_text(number: int) -> str:
    """First, Second, ... Twenty-First."""
    words = cardinal_text(number)
    if words.isdigit():
        return ordinal(number)
    head, _, last = words.rpartition("-") if "-" in words else words.rpartition(" ")
    last_lower = last.lower()
    if last_lower in ORDINAL_WORDS:
        new_last = ORDINAL_WORDS[last_lower]
    elif last_lower.endswith("y"):
        new_last = last_lower[:-1] + "ieth"
    else:
        new_last = last_lower + "th"
    joiner = "-" if "-" in words else " "
    return (head + joiner + new_last if head else new_last).capitalize()


def format_number(number: int, number_format: str) -> str:
    """A counter in one of Word's w:numFmt values; an unknown format shows as decimal, as Word falls back."""
    if number_format == "decimalZero":
        return f"{number:02d}" if 0 <= number < 10 else str(number)
    if number_format == "lowerLetter":
        return letters(number)
    if number_format == "upperLetter":
        return letters(number).upper()
    if number_format == "lowerRoman":
        return roman(number)
    if number_format == "upperRoman":
        return roman(number).upper()
    if number_format == "ordinal":
        return ordinal(number)
    if number_format == "cardinalText":
        return cardinal_text(number)
    if number_format == "ordinalText":
        return ordinal_text(number)
    if number_format in ("none", "bullet"):
        return ""
    return str(number)
