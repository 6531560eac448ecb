"""The import benchmark's test files: one Document as .docx (Word's own numbering), .odt and .pdf from LibreOffice, a Chromium PDF, and plain text.

LibreOffice is Debian's `libreoffice-writer-nogui`; when `soffice` is missing the benchmark
installs it with apt-get, saying so first. The Chromium PDF needs `tests/documents/html_writer.py`
and the machine's Chromium (`make tools`); without them that column is left out.
"""

from __future__ import annotations

import functools
import importlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.importer.document import Document
from tests.documents.text_writer import write_text

FORMATS = ("docx", "pdf-libreoffice", "pdf-chromium", "odt", "txt", "txt-pdf-wrapped")


def soffice() -> str:
    """The LibreOffice command, installed with apt-get when it is missing."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    print("LibreOffice (soffice) is missing: installing Debian's libreoffice-writer-nogui with apt-get (needs root and the network)...", flush=True)
    sudo = [] if shutil.which("sudo") is None or _is_root() else ["sudo"]
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True)
    subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends", "libreoffice-writer-nogui"], check=True)
    found = shutil.which("soffice")
    if not found:
        sys.exit("apt-get installed libreoffice-writer-nogui but soffice is still not on the PATH")
    return found


def _is_root() -> bool:
    return os.geteuid() == 0


def convert(files: list[Path], to: str, outdir: Path, profile: Path) -> None:
    """Convert with LibreOffice headless (own profile, so a desktop LibreOffice cannot interfere)."""
    command = [soffice(), f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--convert-to", to, "--outdir", str(outdir), *map(str, files)]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)


def docx_writer() -> Callable[..., None]:
    """`write_docx` from tests/documents/docx_writer.py, imported only when files are made."""
    try:
        module = importlib.import_module("tests.documents.docx_writer")
    except ModuleNotFoundError:
        sys.exit("tests/documents/docx_writer.py is not here yet: the benchmark needs its write_docx to make the Word files")
    writer: Callable[..., None] = module.write_docx
    return writer


@functools.cache
def chromium_printer() -> Callable[[Document, Path, str], None] | None:
    """A function printing a Document to PDF with Chromium, or None when html_writer or Chromium is missing.

    One for the whole run: Playwright's sync API allows only one running instance per process."""
    try:
        html_writer = importlib.import_module("tests.documents.html_writer")
        from playwright.sync_api import sync_playwright

        from generator.render.chromium import ARGS, chromium_path
    except ModuleNotFoundError:
        return None
    executable = chromium_path()
    if not executable:
        return None
    state: dict[str, Any] = {}

    def print_pdf(document: Document, path: Path, header: str) -> None:
        if "browser" not in state:
            state["playwright"] = sync_playwright().start()
            state["browser"] = state["playwright"].chromium.launch(executable_path=executable, headless=True, args=ARGS)
        html_writer.print_pdf(state["browser"], document, path, header)

    return print_pdf


def make_files(documents: dict[str, tuple[Document, str]], folder: Path) -> dict[str, dict[str, Path]]:
    """Every format of every document (by name), written under `folder`: {name: {format: path}}."""
    folder.mkdir(parents=True, exist_ok=True)
    write_docx = docx_writer()
    print_pdf = chromium_printer()
    out: dict[str, dict[str, Path]] = {}
    for name, (document, header) in documents.items():
        files = out.setdefault(name, {})
        files["docx"] = folder / f"{name}.docx"
        write_docx(document, files["docx"], header=header)
        files["txt"] = folder / f"{name}.txt"
        write_text(document, files["txt"], header=header)
        files["txt-pdf-wrapped"] = folder / f"{name}-wrapped.txt"
        write_text(document, files["txt-pdf-wrapped"], header=header, wrapped=True)
        if print_pdf:
            chromium = folder / "chromium"
            chromium.mkdir(exist_ok=True)
            files["pdf-chromium"] = chromium / f"{name}.pdf"
            print_pdf(document, files["pdf-chromium"], header)
    docx = [files["docx"] for files in out.values()]
    for to, key in (("pdf", "pdf-libreoffice"), ("odt", "odt")):
        convert(docx, to, folder, folder / ".libreoffice")
        for name, files in out.items():
            files[key] = folder / f"{name}.{to}"
    return out


def page_count(pdf: Path) -> int:
    """Pages of a PDF, by pypdf."""
    from pypdf import PdfReader

    return len(PdfReader(str(pdf)).pages)
