"""The loaded sources, as every later stage reads them: organisations, their policies and archives."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.sources.adoption import Adoption
from generator.sources.archive import ArchivedVersion
from generator.sources.model.organisation import Organisation
from generator.sources.model.policy import Policy
from generator.sources.plain_work import PlainToWrite
from generator.sources.yaml_document import YamlDocument


@dataclass
class PolicySource:
    policy: Policy
    doc: YamlDocument
    adoption: Adoption | None = None  # set when the policy is a trust policy adapted by an overlay


@dataclass
class OrgSource:
    org: Organisation
    doc: YamlDocument
    policies: dict[str, PolicySource] = field(default_factory=dict)
    archives: dict[str, list[ArchivedVersion]] = field(default_factory=dict)

    @property
    def folder(self) -> Path:
        return self.doc.path.parent


@dataclass
class Sources:
    root: Path
    orgs: dict[str, OrgSource]
    warnings: list[str] = field(default_factory=list)  # files left unread and likely slips, as `file:line: ...`
    plain_to_write: list[PlainToWrite] = field(default_factory=list)  # drafts' work to do, not errors

    def trust_of(self, org: Organisation) -> Organisation | None:
        if org.trust and org.trust.id and org.trust.id in self.orgs:
            return self.orgs[org.trust.id].org
        return None

    def trust_name(self, org: Organisation) -> str | None:
        if org.kind.value == "trust":
            return org.name
        if org.trust:
            trust = self.trust_of(org)
            return trust.name if trust else org.trust.name
        return None


def own_history(ps: PolicySource) -> bool:
    """Whether the policy's ratification record is written in its own file (not the trust's)."""
    return ps.adoption is None or (isinstance(ps.doc.data, dict) and "history" in ps.doc.data)
