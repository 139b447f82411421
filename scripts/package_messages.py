"""Vietnamese catalogues for the packages' own strings (Wagtail, wagtail-localize, wagtailmedia, Django…).

Wagtail ships about 135 Vietnamese admin strings; the rest of its admin would show in English.
This script builds the override catalogues that complete them:

1. it extracts every msgid that the *installed* versions of the third-party apps in
   INSTALLED_APPS (and Django's own core catalogue) use, from each package's source catalogue
   (`locale/en/LC_MESSAGES/<domain>.po`, or any locale's when a package ships no `en`);
2. it merges our translations (`locale_packages/source/<domain>.po`, written by hand, glossary in
   docs/thuat-ngu-quan-tri.md) over the package's own Vietnamese (`locale/vi/…`), ours first;
3. it writes `locale_packages/vi/LC_MESSAGES/<domain>.po` and compiles the `.mo` beside it
   (pure Python with polib, as scripts/compile_messages.py does for ours);
4. it reports, per package, how many strings are translated and which are missing.

LOCALE_PATHS lists locale_packages after locale/, so our own catalogues keep the first word and these
override only the packages' catalogues. After a version bump, run it again: new msgids show up as
missing (the walk in tests/website/test_admin_vietnamese.py fails when one of them is on a page),
translations of msgids that disappeared stay in the source file, marked obsolete in the report.

    .venv/bin/python scripts/package_messages.py            # write, compile, print the summary
    .venv/bin/python scripts/package_messages.py --missing  # also list every missing msgid
    .venv/bin/python scripts/package_messages.py --check    # exit 1 when the written files are stale
"""

import argparse
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = ROOT / "locale_packages" / "source"
OUTPUT_DIR = ROOT / "locale_packages" / "vi" / "LC_MESSAGES"
DOMAINS = ("django", "djangojs")
LANGUAGE = "vi"
PLURAL_FORMS = "nplurals=1; plural=0;"
# Our apps have their own catalogues (locale/); everything else in INSTALLED_APPS is a package.
OUR_APPS = {
    "website",
    "core",
    "languages",
    "home",
    "places",
    "campaigns",
    "tracking",
    "media_kit",
    "insights",
    "search",
}

Key = tuple[str, str]  # (msgctxt, msgid)


@dataclass
class Package:
    name: str
    locale_dir: Path
    msgids: dict[str, list[polib.POEntry]] = field(default_factory=dict)  # domain → source entries


def key(entry: polib.POEntry) -> Key:
    return (entry.msgctxt or "", entry.msgid)


def packages() -> list[Package]:
    """The third-party apps in INSTALLED_APPS that ship catalogues, and Django's core catalogue (forms, validators)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django
    from django.apps import apps

    django.setup()
    found = [Package("django", Path(django.__file__).parent / "conf" / "locale")]
    for config in apps.get_app_configs():
        if config.name.split(".")[0] in OUR_APPS:
            continue
        locale_dir = Path(config.path) / "locale"
        if locale_dir.is_dir():
            found.append(Package(config.name, locale_dir))
    return found


def source_catalogue(locale_dir: Path, domain: str) -> Path | None:
    """The package's catalogue that lists its msgids: `en` when shipped, else any language's."""
    english = locale_dir / "en" / "LC_MESSAGES" / f"{domain}.po"
    if english.exists():
        return english
    others = sorted(locale_dir.glob(f"*/LC_MESSAGES/{domain}.po"))
    return others[0] if others else None


def translations(path: Path) -> dict[Key, polib.POEntry]:
    if not path.exists():
        return {}
    return {key(entry): entry for entry in polib.pofile(str(path)) if entry.translated() and not entry.obsolete}


def translated_copy(source: polib.POEntry, translation: polib.POEntry | None) -> polib.POEntry:
    entry = polib.POEntry(msgctxt=source.msgctxt, msgid=source.msgid, msgid_plural=source.msgid_plural)
    entry.flags = [flag for flag in source.flags if flag.endswith("-format")]
    if source.msgid_plural:
        text = ""
        if translation is not None:
            text = translation.msgstr_plural.get(0, "") if translation.msgid_plural else translation.msgstr
        entry.msgstr_plural = {0: text}
    else:
        entry.msgstr = ""
        if translation is not None:
            entry.msgstr = translation.msgstr or translation.msgstr_plural.get(0, "")
    return entry


def new_catalogue() -> polib.POFile:
    catalogue = polib.POFile(wrapwidth=120)
    catalogue.metadata = {
        "Project-Id-Version": "Loa: Vietnamese overrides of the packages' catalogues",
        "Language": LANGUAGE,
        "Language-Team": "Tiếng Việt",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS,
    }
    return catalogue


@dataclass
class Report:
    rows: list[tuple[str, str, int, int, int]] = field(default_factory=list)  # package, domain, total, ours, other
    missing: dict[str, list[Key]] = field(default_factory=dict)  # domain → keys
    unused: dict[str, list[Key]] = field(default_factory=dict)  # our translations no package uses any more


def build(domain: str, found: list[Package], report: Report) -> polib.POFile:
    ours = translations(SOURCE_DIR / f"{domain}.po")
    catalogue, seen, missing = new_catalogue(), {}, []
    keys_of: dict[str, list[Key]] = {}
    for package in found:
        source = source_catalogue(package.locale_dir, domain)
        if source is None:
            continue
        theirs = translations(package.locale_dir / LANGUAGE / "LC_MESSAGES" / f"{domain}.po")
        total = by_us = by_them = 0
        for entry in polib.pofile(str(source)):
            if not entry.msgid or entry.obsolete:
                continue
            entry_key = key(entry)
            total += 1
            translation = ours.get(entry_key)
            if translation is not None:
                by_us += 1
            else:
                translation = theirs.get(entry_key)
                by_them += translation is not None
            if translation is None and entry_key not in seen:
                missing.append(entry_key)
            if entry_key in seen:
                # The same msgid in two packages: one entry, translated if either has it.
                if translation is not None and not seen[entry_key].translated():
                    catalogue.remove(seen[entry_key])
                    if entry_key in missing:
                        missing.remove(entry_key)
                else:
                    continue
            copy = translated_copy(entry, translation)
            copy.occurrences = [(package.name, "")]
            catalogue.append(copy)
            seen[entry_key] = copy
        report.rows.append((package.name, domain, total, by_us, by_them))
        entries = polib.pofile(str(source))
        keys_of[package.name] = [key(entry) for entry in entries if entry.msgid and not entry.obsolete]
    # A msgid that two packages share is translated once: count it as translated for both.
    report.rows[-len(keys_of) :] = [
        (name, domain_, total, by_us, total - by_us - sum(not seen[k].translated() for k in keys_of[name]))
        for name, domain_, total, by_us, _by_them in report.rows[-len(keys_of) :]
    ]
    report.missing[domain] = missing
    report.unused[domain] = sorted(set(ours) - set(seen))
    return catalogue


def write(domain: str, catalogue: polib.POFile) -> tuple[Path, Path]:
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    po_path, mo_path = OUTPUT_DIR / f"{domain}.po", OUTPUT_DIR / f"{domain}.mo"
    catalogue.save(str(po_path))
    catalogue.save_as_mofile(str(mo_path))
    return po_path, mo_path


def print_report(report: Report, *, list_missing: bool) -> None:
    grand_total = grand_done = 0
    print(f"{'package':<40} {'domain':<9} {'msgids':>6} {'ours':>5} {'other':>6} {'missing':>7}")
    for name, domain, total, ours, theirs in report.rows:
        grand_total += total
        grand_done += ours + theirs
        print(f"{name:<40} {domain:<9} {total:>6} {ours:>5} {theirs:>6} {total - ours - theirs:>7}")
    share = 100 * grand_done / grand_total if grand_total else 100
    print(f"coverage: {grand_done}/{grand_total} package strings translated into Vietnamese ({share:.1f} %)")
    for domain in DOMAINS:
        print(f"{domain}: {len(report.missing[domain])} distinct msgids missing")
        if report.unused[domain]:
            print(f"{domain}: {len(report.unused[domain])} of our translations match no installed msgid (obsolete)")
        if list_missing:
            for context, msgid in report.missing[domain]:
                print(f"  missing {domain}: {context + ' | ' if context else ''}{msgid!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--missing", action="store_true", help="list every missing msgid")
    parser.add_argument("--check", action="store_true", help="only check that the written catalogues are current")
    arguments = parser.parse_args(argv)
    found, report = packages(), Report()
    stale = []
    for domain in DOMAINS:
        catalogue = build(domain, found, report)
        if arguments.check:
            po_path = OUTPUT_DIR / f"{domain}.po"
            current = translations(po_path) if po_path.exists() else {}
            wanted = {key(entry): entry for entry in catalogue if entry.translated()}
            if {k: (e.msgstr, e.msgstr_plural) for k, e in current.items()} != {
                k: (e.msgstr, e.msgstr_plural) for k, e in wanted.items()
            }:
                stale.append(po_path)
            continue
        for path in write(domain, catalogue):
            print(f"package_messages: wrote {path.relative_to(ROOT)}")
    print_report(report, list_missing=arguments.missing)
    for path in stale:
        print(f"package_messages: {path.relative_to(ROOT)} is stale: run scripts/package_messages.py", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
