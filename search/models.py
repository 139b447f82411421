from django.db import models
from django.utils.translation import gettext_lazy as _

from search.text import QUERY_MAX_LENGTH, folded_query


class SearchQueryLog(models.Model):
    """How often a folded query was searched in one week, and how often it found nothing.

    Nothing about who searched: no address, no identifier, no user agent, no cookie.
    """

    week = models.DateField(_("tuần (thứ Hai)"), db_index=True)
    query = models.CharField(_("từ khóa (không dấu)"), max_length=QUERY_MAX_LENGTH)
    searches = models.PositiveIntegerField(_("lượt tìm"), default=0)
    zero_result_searches = models.PositiveIntegerField(_("lượt không có kết quả"), default=0)

    class Meta:
        verbose_name = _("lượt tìm kiếm theo tuần")
        verbose_name_plural = _("lượt tìm kiếm theo tuần")
        constraints = [models.UniqueConstraint(fields=["week", "query"], name="search_one_row_per_week_and_query")]
        ordering = ["-week", "-zero_result_searches", "query"]

    def __str__(self) -> str:
        return f"{self.query} ({self.week:%d/%m/%Y})"

    @property
    def week_label(self) -> str:
        return f"{self.week:%d/%m/%Y}"


class SearchLogBatch(models.Model):
    """A spooled file of searches already counted in the log, so that a drain stopped between its commit and the
    file's deletion does not count it twice. Names only (a random claim id): nothing about any search."""

    name = models.CharField(_("tệp đệm"), max_length=200, unique=True)
    drained_at = models.DateTimeField(_("lúc ghi vào nhật ký"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("tệp đệm lượt tìm đã ghi")
        verbose_name_plural = _("tệp đệm lượt tìm đã ghi")

    def __str__(self) -> str:
        return self.name


SYNONYM_SEPARATORS = ",;\n"


def split_terms(text: str) -> list[str]:
    """The terms of a synonym set as the editor typed them: separated by commas, semicolons or new lines."""
    for separator in SYNONYM_SEPARATORS[1:]:
        text = text.replace(separator, SYNONYM_SEPARATORS[0])
    return [" ".join(term.split()) for term in text.split(SYNONYM_SEPARATORS[0]) if term.strip()]


class SearchSynonym(models.Model):
    """Words that citizens use for the same thing: "CCCD, căn cước, thẻ căn cước". Applied to every search at once,
    without reindexing. One-way: the first term also finds the others, not the reverse ("CMND" finds "căn cước", but
    "căn cước" does not find pages about the old CMND)."""

    terms = models.TextField(
        _("các cách gọi"),
        help_text=_("Cách nhau bằng dấu phẩy, ví dụ: CCCD, căn cước, thẻ căn cước. Có dấu hay không dấu đều được."),
    )
    one_way = models.BooleanField(
        _("chỉ một chiều"),
        default=False,
        help_text=_("Chỉ khi tìm cách gọi đầu tiên mới tìm thêm các cách gọi sau, không tìm ngược lại."),
    )

    class Meta:
        verbose_name = _("từ đồng nghĩa")
        verbose_name_plural = _("từ đồng nghĩa")
        ordering = ["terms"]

    def __str__(self) -> str:
        arrow = " → " if self.one_way else " = "
        terms = self.term_list
        return arrow.join([terms[0], ", ".join(terms[1:])]) if len(terms) > 1 else self.terms

    @property
    def term_list(self) -> list[str]:
        return split_terms(self.terms)


class PinnedSearchResult(models.Model):
    """A page that answers a query, shown first ("kết quả gợi ý"), chosen by an editor, often from the report of
    searches that found nothing."""

    query = models.CharField(
        _("từ khóa"), max_length=QUERY_MAX_LENGTH, help_text=_("Người dân gõ đúng cụm này (có dấu hay không)")
    )
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("trang trả lời"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("kết quả gợi ý")
        verbose_name_plural = _("kết quả gợi ý")
        ordering = ["query"]
        constraints = [models.UniqueConstraint(fields=["query", "page"], name="search_pin_once_per_query_and_page")]

    def __str__(self) -> str:
        return f"{self.query} → {self.page.title}"

    def save(self, *args, **kwargs):
        # Stored as it is matched: folded, so that "cấp lại mật khẩu" and "cap lai mat khau" are one pin.
        self.query = folded_query(self.query)
        super().save(*args, **kwargs)
