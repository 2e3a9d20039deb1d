from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "gongkai.search"
    label = "search"
    verbose_name = "全文检索"

    def ready(self):
        from gongkai.core import jobs
        from gongkai.search import indexing, signals

        signals.connect()
        jobs.register(
            "search.process_queue",
            indexing.process_queue_job,
            "index items whose change was not yet indexed (search queue)",
        )
