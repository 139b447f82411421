from django import template

from core.numbers import vn_money, vn_number, vn_percent

register = template.Library()


@register.filter(name="vn_number")
def vn_number_filter(value, decimals: int = 0) -> str:
    return vn_number(value, decimals=int(decimals))


@register.filter(name="vn_money")
def vn_money_filter(value) -> str:
    return vn_money(value)


@register.filter(name="vn_percent")
def vn_percent_filter(value) -> str:
    return vn_percent(value)
