"""The built-in topic list (generator/sources/topics.yml), in display order."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from generator.sources.model.policy import Policy, Topic

_TOPICS_FILE = Path(__file__).parent / "topics.yml"


@cache
def builtin_topics() -> tuple[Topic, ...]:
    return tuple(Topic.model_validate(item) for item in yaml.safe_load(_TOPICS_FILE.read_text(encoding="utf-8")))


def builtin_topic_ids() -> set[str]:
    return {topic.id for topic in builtin_topics()}


def policy_topics(policy: Policy) -> list[Topic]:
    """Built-in topics first, in their order, then the policy's own; 'general' stays last."""
    topics = [t for t in builtin_topics() if t.id != "general"]
    topics += [t for t in policy.topics if t.id not in builtin_topic_ids()]
    topics += [t for t in builtin_topics() if t.id == "general"]
    return topics
