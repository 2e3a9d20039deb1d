"""The portal has no demo data of its own: it shows what the catalog demo published. Loaded
last, it refreshes the query planner's statistics so the demo portal is fast from the start."""

from .maintenance import refresh_statistics


def load(ctx):
    ctx.log(f"  portal: {refresh_statistics()}")
