"""The actions of 舆情回应 and 新闻发布会."""

from .conferences import do_publish_conference, do_record_conference  # noqa: F401
from .events import (  # noqa: F401
    clock_table,
    do_create_event,
    do_link_item,
    do_record_statement,
    on_item_published,
    on_items_published,
    refresh_clocks,
    run_job,
)
