"""Turn the numbers a Document shows ("3", "3.1", "(a)", "iv.") into Word numbering definitions that produce them.

Each label's format and level text is inferred ("2.3." is decimal "%1.%2.", "(a)" lowerLetter,
"iv." lowerRoman), headings and the clauses under them share one multi-level list, and every
choice is checked by running the reader's own counters (`docx_numbering.advance`) over the
paragraphs so far. A label the counters would not produce gets a new list instance restarting
at it (as Word's "Restart at" does) and, failing that, is typed into the text; both are counted.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from generator.importer.document import Block, Paragraph
from generator.importer.readers.docx_numbering import Counters, Definitions, Instance, Level, advance

DOTTED = re.compile(r"^(\d+(?:\.\d+)*)(\.?)$")
TOKEN = re.compile(r"^([(\[]?)([A-Za-z]+|\d+)([.)\]]?)$")
ROMAN = re.compile(r"^(?=[ivxlcdm]+$)m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
BULLETS = "0"  # the abstract definition of the bulleted list
BULLET_LIST = "1"  # its instance (numId 0 is Word's "no numbering")


@dataclass(frozen=True)
class Shape:
    """What one label needs: the values of its levels from the outermost and its level's definition."""

    values: tuple[int, ...]  # dotted labels give every level's value; a single token only its own
    number_format: str
    text: str  # w:lvlText with %N placeholders


@dataclass
class Plan:
    """Definitions to write, the (numId, level) of each numbered paragraph, labels typed instead, counts."""

    definitions: Definitions = field(default_factory=lambda: Definitions({}, {}, {}, {}))
    assigned: dict[int, tuple[str, int]] = field(default_factory=dict)  # block index -> (numId, ilvl)
    typed: set[int] = field(default_factory=set)  # block indexes whose label is typed into the text
    fallbacks: dict[str, int] = field(default_factory=lambda: {"restart": 0, "new list": 0, "typed": 0})
    current: dict[str, str] = field(default_factory=dict)  # abstract id -> the instance in use
    counters: Counters = field(default_factory=Counters)


def roman_value(text: str) -> int | None:
    """The value of lower-case Roman numerals, None for anything else."""
    if not text or not ROMAN.match(text):
        return None
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    total = 0
    for here, after in zip(text, [*text[1:], ""], strict=True):
        total += -values[here] if after and values[after] > values[here] else values[here]
    return total


def letter_value(text: str) -> int | None:
    """Word's letters: a..z, aa..zz (one letter repeated)."""
    low = text.lower()
    if not low.isalpha() or len(set(low)) != 1:
        return None
    return (len(low) - 1) * 26 + ord(low[0]) - ord("a") + 1


def shape_of(label: str, previous: dict[int, Level], level: int) -> Shape | None:
    """A label's values and level definition; `previous` (the list's levels) tells "i" the letter from "i" the numeral."""
    dotted = DOTTED.match(label)
    if dotted:
        values = tuple(int(part) for part in dotted.group(1).split("."))
        text = ".".join(f"%{n}" for n in range(1, len(values) + 1)) + dotted.group(2)
        return Shape(values, "decimal", text)
    token = TOKEN.match(label)
    if not token or (token.group(1) == "(") != (token.group(3) == ")") and token.group(1):
        return None
    before, core, after = token.groups()
    placeholder = f"{before}%{level + 1}{after}"
    if core.isdigit():
        return Shape((int(core),), "decimal", placeholder)
    lower = core.lower()
    case = "lower" if core == lower else "upper" if core == core.upper() else ""
    if not case:
        return None
    defined = previous.get(level)
    letter = letter_value(core)
    as_letter = defined is not None and defined.number_format.endswith("Letter") and letter is not None
    numeral = roman_value(lower)
    if numeral is not None and not as_letter and (len(lower) > 1 or lower in "ivx"):
        return Shape((numeral,), f"{case}Roman", placeholder)
    if letter is not None:
        return Shape((letter,), f"{case}Letter", placeholder)
    return None


def plan_numbering(blocks: tuple[Block, ...]) -> Plan:
    """Assign Word numbering to every numbered paragraph, checked against the reader's counters."""
    plan = Plan()
    plan.definitions.abstracts[BULLETS] = {n: Level(number_format="bullet", text="\u2022") for n in range(9)}
    plan.definitions.instances[BULLET_LIST] = Instance(BULLETS, {}, {})
    previous_level = -1
    for index, block in enumerate(blocks):
        if not isinstance(block, Paragraph) or block.bullet or not block.number.strip():
            continue
        previous_level = _place(plan, index, block.number.strip(), previous_level)
    return plan


def _place(plan: Plan, index: int, label: str, previous_level: int) -> int:
    """Number one paragraph (or type its label) and return the level it took, for the next token label."""
    if shape_of(label, {}, 0) is None:
        plan.typed.add(index)
        plan.fallbacks["typed"] += 1
        return previous_level
    for abstract in [*_outline_abstracts(plan), None]:
        abstract = abstract if abstract is not None else _new_abstract(plan)
        levels = plan.definitions.abstracts[abstract]
        level, shape = _level_and_shape(label, levels, previous_level)
        if shape is None:
            break
        if not _fits(levels, level, shape):
            continue
        for ilvl, value in _wanted(level, shape).items():
            levels.setdefault(ilvl, Level(start=value, number_format=shape.number_format, text=_text_for(shape, ilvl, level)))
        if _try(plan, index, plan.current[abstract], level, label):
            return level
        restart = _new_instance(plan, abstract, {level: _wanted(level, shape)[level]})
        if _try(plan, index, restart, level, label):
            plan.current[abstract] = restart
            plan.fallbacks["restart"] += 1
            return level
        break
    plan.typed.add(index)
    plan.fallbacks["typed"] += 1
    return previous_level


def _outline_abstracts(plan: Plan) -> list[str]:
    return [abstract for abstract in plan.definitions.abstracts if abstract != BULLETS]


def _new_abstract(plan: Plan) -> str:
    abstract = str(len(plan.definitions.abstracts))
    if len(plan.definitions.abstracts) > 1:
        plan.fallbacks["new list"] += 1
    plan.definitions.abstracts[abstract] = {}
    plan.current[abstract] = _new_instance(plan, abstract, {})
    return abstract


def _new_instance(plan: Plan, abstract: str, starts: dict[int, int]) -> str:
    num_id = str(len(plan.definitions.instances) + 1)
    plan.definitions.instances[num_id] = Instance(abstract, starts, {})
    return num_id


def _level_and_shape(label: str, levels: dict[int, Level], previous_level: int) -> tuple[int, Shape | None]:
    dotted = DOTTED.match(label)
    if dotted:
        return dotted.group(1).count("."), shape_of(label, levels, 0)
    if not levels:
        return 0, shape_of(label, levels, 0)
    # A lettered or Roman item goes to the level that already writes labels like it, else one deeper.
    for ilvl in sorted(levels):
        shape = shape_of(label, levels, ilvl)
        if shape is not None and levels[ilvl].text == shape.text and levels[ilvl].number_format == shape.number_format:
            return ilvl, shape
    level = min(previous_level + 1, 8)
    return level, shape_of(label, levels, level)


def _fits(levels: dict[int, Level], level: int, shape: Shape) -> bool:
    for ilvl in _wanted(level, shape):
        defined = levels.get(ilvl)
        if defined is None:
            continue
        if ilvl == level and (defined.text, defined.number_format) != (shape.text, shape.number_format):
            return False
        if ilvl != level and defined.number_format != "decimal":
            return False
    return True


def _wanted(level: int, shape: Shape) -> dict[int, int]:
    if len(shape.values) == level + 1:
        return dict(enumerate(shape.values))
    return {level: shape.values[-1]}


def _text_for(shape: Shape, ilvl: int, level: int) -> str:
    if ilvl == level:
        return shape.text
    return ".".join(f"%{n}" for n in range(1, ilvl + 2))


def _try(plan: Plan, index: int, num_id: str, level: int, label: str) -> bool:
    trial = copy.deepcopy(plan.counters)
    shown = advance(plan.definitions, trial, num_id, level)
    if shown is None or shown.number != label:
        return False
    plan.counters = trial
    plan.assigned[index] = (num_id, level)
    return True
