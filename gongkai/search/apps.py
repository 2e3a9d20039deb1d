from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "gongkai.search"
    label = "search"
    verbose_name = "全文检索"

    def ready(self):
        from gongkai.core import jobs
        from gongkai.search import documents, indexing, registry, signals

        registry.register(documents.item_doctype())
        signals.connect()
        jobs.register(
            "search.process_queue",
            indexing.process_queue_job,
            "apply the search change log to this node's index (built first if missing)",
        )
