"""Find the files under policy_sources/ that policy-site reads, and report every other one.

Nothing under the sources folder is silently skipped: each file is either read or named in an
error or a warning, so a policy saved as `.YML` or an archive renamed to `.yaml` can never just
vanish from the site. Links are not followed: a link could publish a file from outside the
folder (or print it into an error message), so a link is an error that names the link only.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from generator.sources.errors import SourceError, display_path

# Pictures an organisation folder may hold beside organisation.yml: its logo.
LOGO_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg")

ORGANISATION_FILE = "organisation.yml"
POLICIES_DIR = "policies"
OVERLAYS_DIR = "overlays"
ARCHIVE_DIR = "archive"
# Policies and overlays may end in either; archives are named by policy-site itself.
POLICY_SUFFIXES = (".yml", ".yaml")

# Files that editors and operating systems leave beside the ones people save.
_LEFT_BY_TOOLS_PREFIXES = (".#", "~$", "._")
_LEFT_BY_TOOLS_SUFFIXES = ("~", ".swp", ".swo", ".tmp", ".bak", ".orig")
_LEFT_BY_TOOLS_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini", ".gitkeep", ".gitignore", ".directory"}


@dataclass
class OrgFiles:
    """The files of one organisation folder that policy-site reads."""

    folder: Path
    organisation: Path | None = None
    policies: list[Path] = field(default_factory=list)
    overlays: list[Path] = field(default_factory=list)
    archives: dict[str, list[Path]] = field(default_factory=dict)  # policy id -> version files

    def stems(self) -> set[str]:
        """The ids of the policies the organisation's site carries: its own and those it adopts."""
        return {p.stem for p in self.policies} | {p.stem for p in self.overlays}


@dataclass
class SourceFiles:
    orgs: dict[str, OrgFiles] = field(default_factory=dict)
    errors: list[SourceError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def left_by_tools(name: str) -> bool:
    """A temporary or system file nobody means as a policy (an editor's lock or backup file)."""
    return name in _LEFT_BY_TOOLS_NAMES or name.startswith(_LEFT_BY_TOOLS_PREFIXES) or name.endswith(_LEFT_BY_TOOLS_SUFFIXES)


def _looks_like_data(name: str) -> bool:
    lowered = name.lower()
    return lowered.endswith((".yml", ".yaml", ".json")) or ".yml" in lowered or ".yaml" in lowered


class _Walk:
    def __init__(self, found: SourceFiles) -> None:
        self.found = found

    def error(self, path: Path, message: str) -> None:
        self.found.errors.append(SourceError(display_path(path), 1, message))

    def not_read(self, path: Path, why: str) -> None:
        self.found.warnings.append(f"{display_path(path)}: not read ({why})")

    def entries(self, folder: Path) -> list[tuple[Path, os.stat_result]] | None:
        """The folder's entries with their own status (a link's, not its target's), sorted."""
        try:
            with os.scandir(folder) as scan:
                names = sorted(entry.name for entry in scan)
        except PermissionError:
            self.error(folder, "this folder cannot be read (permission denied); let policy-site read it, e.g. chmod -R a+rX on the folder")
            return None
        except OSError as exc:
            self.error(folder, f"this folder cannot be read ({exc.strerror or exc.__class__.__name__})")
            return None
        result = []
        for name in names:
            path = folder / name
            try:
                result.append((path, os.lstat(path)))
            except OSError:
                continue  # removed while we looked: nothing to read or report
        return result

    def kind(self, path: Path, info: os.stat_result) -> str | None:
        """'dir' or 'file' for what may be read; None once a link or odd file has been reported."""
        if stat.S_ISLNK(info.st_mode):
            if left_by_tools(path.name):
                self.not_read(path, "a link an editor or the system left here")
            else:
                self.error(path, "this is a link, and policy-site does not follow links (they could publish files from elsewhere); put the file itself here")
            return None
        if stat.S_ISDIR(info.st_mode):
            return "dir"
        if stat.S_ISREG(info.st_mode):
            return "file"
        self.error(path, "this is not a plain file or folder; remove it")
        return None

    def stray_file(self, path: Path, expected: str) -> None:
        """A file in a place where policy-site reads nothing of its kind."""
        if left_by_tools(path.name):
            self.not_read(path, "a temporary or backup file left by an editor or the system")
        elif _looks_like_data(path.name):
            self.error(path, f"policy-site does not read this file here; {expected}")
        else:
            self.not_read(path, f"policy-site reads only YAML files; {expected}")

    def stray_folder(self, path: Path, expected: str) -> None:
        self.error(path, f"policy-site does not read this folder; {expected}")

    def yaml_files(self, folder: Path, suffixes: tuple[str, ...], what: str) -> list[Path]:
        entries = self.entries(folder)
        found: list[Path] = []
        for path, info in entries or []:
            kind = self.kind(path, info)
            if kind is None:
                continue
            if kind == "dir":
                if path.name.lower().endswith(suffixes):
                    self.error(path, "this is a folder with a file's name; rename it so its name does not end in .yml")
                else:
                    self.stray_folder(path, f"{what} sit directly in {folder.name}/, one file each")
                continue
            if path.suffix in suffixes:
                found.append(path)
            elif not left_by_tools(path.name) and path.suffix.lower() in (".yml", ".yaml"):
                self.error(path, f"the name ends in '{path.suffix}'; rename it to {path.stem}{suffixes[0]} (lower case) so policy-site reads it")
            elif path.suffix.lower() == ".json":
                self.error(path, f"policy-site reads YAML, not JSON; write it as {path.stem}{suffixes[0]}")
            else:
                self.stray_file(path, f"{what} are files ending {' or '.join(suffixes)}")
        return found

    def archives(self, folder: Path) -> dict[str, list[Path]]:
        result: dict[str, list[Path]] = {}
        for path, info in self.entries(folder) or []:
            kind = self.kind(path, info)
            if kind == "file":
                self.stray_file(path, "archived versions sit in archive/<policy id>/<version>.yml, as policy-site wrote them")
            elif kind == "dir":
                result[path.name] = self.yaml_files(path, (".yml",), "archived versions (written by policy-site ratify and freeze; restore any renamed one)")
        return result

    def organisation(self, folder: Path) -> OrgFiles:
        org = OrgFiles(folder)
        for path, info in self.entries(folder) or []:
            kind = self.kind(path, info)
            if kind is None:
                continue
            if kind == "file" and path.name == ORGANISATION_FILE:
                org.organisation = path
            elif kind == "dir" and path.name == POLICIES_DIR:
                org.policies = self.yaml_files(path, POLICY_SUFFIXES, "policies")
            elif kind == "dir" and path.name == OVERLAYS_DIR:
                org.overlays = self.yaml_files(path, POLICY_SUFFIXES, "overlays")
            elif kind == "dir" and path.name == ARCHIVE_DIR:
                org.archives = self.archives(path)
            elif kind == "dir":
                self.stray_folder(path, f"an organisation folder holds {ORGANISATION_FILE}, {POLICIES_DIR}/, {OVERLAYS_DIR}/ and {ARCHIVE_DIR}/")
            elif path.name.lower() == ORGANISATION_FILE or path.name.lower() == "organisation.yaml":
                self.error(path, f"rename this file to {ORGANISATION_FILE} so policy-site reads it")
            elif kind == "file" and path.suffix.lower() in LOGO_SUFFIXES:
                pass  # a logo: organisation.yml names it, and the checks of that file report a wrong name
            else:
                self.stray_file(path, f"policies go in {POLICIES_DIR}/, and the organisation's details in {ORGANISATION_FILE}")
        return org


def find_source_files(root: Path, only: set[str] | None = None) -> SourceFiles:
    """Every organisation folder under `root` (or those named in `only`) and the files in it."""
    found = SourceFiles()
    walk = _Walk(found)
    for path, info in walk.entries(root) or []:
        if only is not None and path.name not in only:
            continue
        kind = walk.kind(path, info)
        if kind is None:
            continue
        if kind == "file":
            walk.stray_file(path, "each school or trust has a folder here holding organisation.yml")
        elif path.name.startswith((".", "_")):
            walk.not_read(path, "folders whose names start with '.' or '_' are left out")
        else:
            found.orgs[path.name] = walk.organisation(path)
    return found
