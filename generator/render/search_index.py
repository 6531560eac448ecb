"""The site's search index: the documents and their prebuilt lunr index, as the JSON the site ships.

The index is built here with the `lunr` package and shipped prebuilt: the browser only loads
it (lunr.js `Index.load`), and `policy-site search` runs the same query on the same file, so
both give the same answers.
"""

from __future__ import annotations

import json

from lunr import get_default_builder

from generator.render.search_documents import Indexed, site_documents
from generator.render.search_words import STOP_WORDS, query_words
from generator.views.site import SiteView

INDEX_FILE = "search/index.json"
FORMAT = 1
# Field weights: the words of the text itself count most, a section heading less, and the
# added synonyms least, so text that says "photos" outranks text that only says "images".
FIELDS = (("text", 3), ("title", 2), ("keywords", 1))
# A rule answers a question better than a whole page that mentions the same words.
KIND_BOOST = {"policy": 0.5, "page": 0.5, "section": 0.7}


def build_index(documents: list[Indexed]) -> dict[str, object]:
    """The JSON the site ships: the prebuilt lunr index, the result documents and the stop words."""
    builder = get_default_builder()
    builder.ref("id")
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    for number, item in enumerate(documents):
        fields = {"id": str(number), "title": item.title, "text": item.text, "keywords": item.keywords}
        builder.add(fields, attributes={"boost": KIND_BOOST.get(item.doc.kind, 1)})
    return {
        "format": FORMAT,
        "fields": ["url", "title", "text", "audiences", "policy", "strength", "number", "kind"],
        "docs": [[d.url, d.title, d.text, ",".join(d.audiences), d.policy, d.strength, d.number, d.kind] for d in (i.doc for i in documents)],
        "stopWords": sorted(STOP_WORDS),
        # What a query also looks for: applied by search_query.py and policy-search.js alike.
        "queryWords": query_words().shipped(),
        "index": builder.build().serialize(),
    }


def dumps(index: dict[str, object]) -> str:
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=False)


def site_index_json(site: SiteView, hand_written: list[tuple[str, str]], directory_urls: bool) -> str:
    """A site's search index file: what the build ships and what `policy-site search` reads."""
    return dumps(build_index(site_documents(site, hand_written, directory_urls)))
