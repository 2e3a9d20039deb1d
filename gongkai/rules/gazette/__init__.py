"""Rules of the government gazette (政府公报): reading an issue's masthead and 目录, splitting
it into articles, checking the numbering, matching articles to catalog items and comparing the
website's copy with the gazette's standard text. No Django import (docs/gazette.md)."""
