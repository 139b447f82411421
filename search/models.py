from django.db import models
from django.utils.translation import gettext_lazy as _

QUERY_MAX_LENGTH = 100


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
