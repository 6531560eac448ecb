"""Publishing a finished build atomically: a reader of the output sees the old site or the new one, whole.

The output path (`site`) is a symbolic link to one generation folder beside it,
`.site.builds/<generation>/`. A build writes a new generation; sites it keeps unchanged are
hard-linked into it from the live one (never moved out of it, so the live site stays whole
while the build runs); its manifest (the incremental build records) is written next to it as
`.site.builds/<generation>.manifest.json`; and only then is a new link made under a temporary
name and renamed onto `site`. rename(2) replaces the link in one step, so at every instant
`site` is the old generation or the new one. A kill at any point leaves the old link, and the
old link's manifest, which describes exactly what it points at.

The generation that was live before is kept (a reader half-way through a page may still be
reading it); older ones, and anything left by a killed build, are removed afterwards. Files
in a published generation are never changed in place (hard links share them between
generations), so everything written here goes through a temporary file and os.replace.

One build at a time per output: `.site.lock` beside it is held with flock for the whole build,
and a second build refuses rather than mixing its work with the first's.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from generator.sites.atomic import atomic_write, exchange
from generator.sites.output_paths import MANIFEST_SUFFIX, builds_folder, lock_path, shown
from generator.sources.errors import display_path

try:
    import fcntl
except ImportError:  # not on Windows: builds there are not protected from each other
    # The typeshed stubs declare fcntl a module on every platform, so None is "the wrong type".
    fcntl = None  # type: ignore[assignment]


class PublishError(Exception):
    """Why the new site cannot be published (or the build cannot start), as one sentence."""


def pause_at(step: str) -> None:
    """For the kill tests (tests/test_publish.py): POLICY_SITE_PAUSE_AT=<step> stops the build here
    for a minute (POLICY_SITE_PAUSE_SECONDS to change it), after saying so on stderr, so a test can
    look at the output and kill the build at exactly this step."""
    if os.environ.get("POLICY_SITE_PAUSE_AT") == step:
        sys.stderr.flush()
        os.write(2, f"paused at {step}\n".encode())  # one write: workers pausing together do not mix lines
        time.sleep(float(os.environ.get("POLICY_SITE_PAUSE_SECONDS", "60")))


@contextmanager
def locked(output: Path) -> Iterator[None]:
    """Hold `.site.lock` for the whole build: a second build into the same output refuses.

    The lock file is never deleted (deleting it would let two builds lock two different files)."""
    if fcntl is None:
        yield
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)  # --output new/folder/site
        fd = os.open(lock_path(output), os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise PublishError(f"cannot build into {shown(output)}: {_reason(exc)}; the site online is unchanged") from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PublishError(f"another build into {shown(output)} is running; wait for it to finish") from None
        yield
    finally:
        os.close(fd)


def live_generation(output: Path) -> str | None:
    """The generation `output` links to; None when there is none (nothing built yet, or a plain
    folder from an older version of the tool, which has no trustworthy manifest)."""
    if not output.is_symlink():
        return None
    target = Path(os.readlink(output))
    if target.parent.as_posix() != builds_folder(output).name or not target.name:
        raise PublishError(f"{shown(output)} is a link to {target}, which policy-site did not build; remove the link or choose another --output")
    return target.name


def live_manifest(output: Path) -> Path | None:
    """The manifest of the generation online: it always describes exactly what is online."""
    generation = live_generation(output)
    return None if generation is None else builds_folder(output) / f"{generation}{MANIFEST_SUFFIX}"


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, too many links, or not allowed to link: copy
        shutil.copy2(source, target)


def link_tree(source: Path, target: Path) -> None:
    """Copy a kept site into the new generation with hard links: instant, no extra space, and the
    live site keeps every file. Folders are made afresh (not with the source's permissions), so a
    read-only folder online does not make the new generation impossible to remove later."""
    for folder, dirs, files in os.walk(source):
        here = target / Path(folder).relative_to(source)
        here.mkdir(exist_ok=True)
        for name in dirs:
            if (Path(folder) / name).is_symlink():
                os.symlink(os.readlink(Path(folder) / name), here / name)
        dirs[:] = [d for d in dirs if not (Path(folder) / d).is_symlink()]
        for name in files:
            path = Path(folder) / name
            if path.is_symlink():
                os.symlink(os.readlink(path), here / name)
            else:
                _link_or_copy(path, here / name)


def _reason(exc: OSError) -> str:
    if exc.strerror and exc.filename:
        return f"{exc.strerror.lower()} ({display_path(Path(exc.filename))})"
    return exc.strerror.lower() if exc.strerror else str(exc)


def failure(output: Path, exc: OSError) -> str:
    """An error writing the new generation, as the one sentence the admin sees."""
    return f"cannot write the new site beside {shown(output)}: {_reason(exc)}; the site online is unchanged"


@dataclass
class Generation:
    """One build's output folder, `.site.builds/<name>/`, from creation until it is online."""

    output: Path
    name: str
    previous: str | None  # the generation online when the build started
    online: bool = False

    @property
    def folder(self) -> Path:
        return builds_folder(self.output) / self.name

    @property
    def manifest(self) -> Path:
        return builds_folder(self.output) / f"{self.name}{MANIFEST_SUFFIX}"

    @property
    def temporary_link(self) -> Path:
        return self.output.with_name(f".{self.output.name}.link-{os.getpid()}")

    def discard(self) -> None:
        """Remove what a failed build wrote; the generation online is not touched."""
        if self.online:
            return
        shutil.rmtree(self.folder, ignore_errors=True)
        for path in (self.manifest, self.temporary_link):
            try:
                path.unlink(missing_ok=True)
            except OSError:
                pass


def start(output: Path) -> Generation:
    """A new, empty generation folder for this build (the caller holds the lock)."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%f")
    generation = Generation(output, f"{stamp}-{os.getpid()}", live_generation(output))
    generation.folder.mkdir(parents=True)
    return generation


def publish(generation: Generation, carry: list[str], index: Callable[[Path], str], manifest: Callable[[], str]) -> list[str]:
    """Finish the generation (the new sites are in it) and put it online in one step.

    `carry`: the sites to take unchanged from the live site; `index`: the top-level page, given
    the finished folder; `manifest`: the records of every site in it. Returns warnings (old
    generations that could not be removed). Raises OSError with nothing online changed."""
    output, folder = generation.output, generation.folder
    pause_at("staged")
    for org_id in carry:
        link_tree(output / org_id, folder / org_id)
    pause_at("kept-linked")
    atomic_write(folder / "index.html", index(folder))
    pause_at("index-written")
    # Before the switch: whatever instant a build is killed at, the manifest beside the
    # generation online describes it.
    atomic_write(generation.manifest, manifest())
    pause_at("manifest-written")
    link = generation.temporary_link
    link.unlink(missing_ok=True)
    os.symlink(Path(builds_folder(output).name) / generation.name, link)
    pause_at("link-created")
    previous = _switch(generation, link)
    pause_at("switched")
    warnings = _clean(output, keep={generation.name, previous})
    pause_at("cleaned")
    return warnings


def _switch(generation: Generation, link: Path) -> str | None:
    """Point the output at the new generation; the name of the one it replaced, kept for readers."""
    output = generation.output
    if not output.is_dir() or output.is_symlink():
        os.replace(link, output)  # rename(2) over a link or nothing: atomic
        generation.online = True
        return generation.previous
    # The output is a plain folder, from a version of the tool before generations: a link
    # cannot be renamed over a folder. On Linux renameat2(RENAME_EXCHANGE) swaps the two
    # names in one step, so the folder is online until the link is; the old folder then
    # becomes a generation like any other. Elsewhere it is renamed into .site.builds/ and the
    # link put in its place at once, which leaves a moment without a site, once per output.
    legacy = f"{generation.name}-before"
    if exchange(link, output):
        generation.online = True
        try:
            os.rename(link, builds_folder(output) / legacy)
        except OSError:
            return None  # the old folder stays under the temporary name; the next build removes it
        return legacy
    os.rename(output, builds_folder(output) / legacy)
    try:
        os.replace(link, output)
    except OSError:
        os.rename(builds_folder(output) / legacy, output)
        raise
    generation.online = True
    return legacy


def _clean(output: Path, keep: set[str | None]) -> list[str]:
    """Remove generations other than `keep`, what killed builds left, and the old manifest; errors
    are not failures (the new site is online), but one warning says what could not be removed."""
    problems: list[str] = []

    def note(_function: object, path: str, exc: object) -> None:
        problems.append(path)

    builds = builds_folder(output)
    leftovers = [p for p in builds.iterdir() if p.name.removesuffix(MANIFEST_SUFFIX) not in keep]
    leftovers += list(output.parent.glob(f".{output.name}.link-*"))
    # The manifest an older version kept beside the output: it described a plain folder.
    leftovers += [p for p in [output.with_name(f".{output.name}{MANIFEST_SUFFIX}")] if p.exists()]
    for path in leftovers:
        try:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, onerror=note)
            else:
                path.unlink()
        except OSError:
            problems.append(str(path))
    if problems:
        return [f"warning: could not remove {len(problems)} old build file{'s' if len(problems) != 1 else ''} in {display_path(builds)} (the new site is online)"]
    return []
