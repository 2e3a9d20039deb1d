"""Demo: index whatever the catalog demo published (search loads after catalog and plans)."""

from gongkai.search import indexing
from gongkai.search.backends import get_backend


def load(ctx):
    backend = get_backend()
    n = indexing.rebuild(backend)
    ctx.log(f"  search index ({backend.name}): {n} public item(s)")
