"""`Store`: open a database by URL (SQLite WAL by default), migrate it, and read/write campaigns.

Writes are per site and committed at once, so killing the process loses at most the sites in flight.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any, Iterator

from sqlalchemy import case, create_engine, event, func, insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ..errors import StoreError
from ..models import PageFacts, Site, SiteResult
from .schema import CampaignRow, CampaignSiteRow, FindingRow, LinkRow, PageRow, ProbeRow, SiteRow

DEFAULT_DB = "sqlite:///govinspect.db"
MIGRATIONS = Path(__file__).parent / "migrations"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


SQLITE_BUSY_S = 120  # how long a writer waits for another process's transaction (campaign processes share one file)


def _engine_options(url: str) -> dict[str, Any]:
    return {"connect_args": {"timeout": SQLITE_BUSY_S}} if url.startswith("sqlite") else {}


def _make_parent(database: str | None) -> None:
    if database and database != ":memory:":
        try:
            Path(database).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(f"无法打开数据库 {database}：无法创建所在目录（{e.strerror}）") from None


class Store:
    def __init__(self, url: str = DEFAULT_DB, *, migrate: bool = True) -> None:
        """`migrate=False` for a process joining a campaign whose parent has brought the schema up to date."""
        self.url = url
        try:
            self.engine: Engine = create_engine(url, future=True, **_engine_options(url))
        except (ArgumentError, ImportError) as e:
            raise StoreError(f"数据库地址“{url}”无法识别：{e}") from None
        if self.engine.dialect.name == "sqlite":
            _make_parent(self.engine.url.database)
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._session = sessionmaker(self.engine, expire_on_commit=False)
        if not migrate:
            return
        try:
            self.migrate()
        except OperationalError as e:
            raise StoreError(f"无法打开数据库 {url}：{e.orig}") from None

    @property
    def in_memory(self) -> bool:
        """An SQLite database in this process's memory: no other process can share it."""
        return self.engine.dialect.name == "sqlite" and self.engine.url.database in (None, "", ":memory:")

    def migrate(self) -> None:
        from alembic import command  # a third of the import time of the store: only the migrating process pays it
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def session(self) -> Session:
        return self._session()

    # ------------------------------------------------------------------ sites and campaigns

    def upsert_sites(self, sites: list[Site]) -> dict[str, int]:
        """Insert or update registry sites; returns id_code → row id."""
        ids: dict[str, int] = {}
        with self.session() as s, s.begin():
            existing = {r.id_code: r for r in s.scalars(select(SiteRow))}
            for site in sites:
                row = existing.get(site.id_code) or SiteRow(id_code=site.id_code)
                for key in ("name", "url", "sponsor", "region_code", "kind", "level", "external_service"):
                    setattr(row, key, getattr(site, key))
                s.add(row)
                s.flush()
                ids[site.id_code] = row.id
        return ids

    def create_campaign(self, fields: dict[str, Any], site_ids: list[int]) -> int:
        with self.session() as s, s.begin():
            campaign = CampaignRow(created=datetime.now(), **fields)
            s.add(campaign)
            s.flush()
            s.add_all(CampaignSiteRow(campaign_id=campaign.id, site_id=i) for i in site_ids)
            return campaign.id

    def campaign(self, campaign_id: int | None = None) -> CampaignRow | None:
        """One campaign, or the latest when no id is given."""
        with self.session() as s:
            if campaign_id is None:
                return s.scalars(select(CampaignRow).order_by(CampaignRow.id.desc()).limit(1)).first()
            return s.get(CampaignRow, campaign_id)

    def campaigns(self) -> list[CampaignRow]:
        with self.session() as s:
            return list(s.scalars(select(CampaignRow).order_by(CampaignRow.id)))

    def campaign_sites(self, campaign_id: int) -> list[tuple[CampaignSiteRow, Site]]:
        with self.session() as s:
            rows = s.execute(
                select(CampaignSiteRow, SiteRow).join(SiteRow, SiteRow.id == CampaignSiteRow.site_id)
                .where(CampaignSiteRow.campaign_id == campaign_id).order_by(CampaignSiteRow.id)
            ).all()
            return [(cs, _site(site)) for cs, site in rows]

    def last_durations(self, site_ids: set[int], other_than: int) -> dict[int, float]:
        """Seconds the latest finished inspection of each site took in a campaign other than `other_than`."""
        if not site_ids:
            return {}
        with self.session() as s:
            rows = s.execute(
                select(CampaignSiteRow.site_id, CampaignSiteRow.started, CampaignSiteRow.finished)
                .where(CampaignSiteRow.site_id.in_(site_ids), CampaignSiteRow.campaign_id != other_than,
                       CampaignSiteRow.started.is_not(None), CampaignSiteRow.finished.is_not(None))
                .order_by(CampaignSiteRow.finished)
            ).all()
        return {site_id: max(0.0, (finished - started).total_seconds()) for site_id, started, finished in rows}

    def finish_campaign(self, campaign_id: int) -> None:
        with self.session() as s, s.begin():
            row = s.get(CampaignRow, campaign_id)
            if row is not None:
                row.finished = datetime.now()

    # ------------------------------------------------------------------ per-site results

    def save_site(self, campaign_site_id: int, result: SiteResult, pages: list[PageFacts],
                  links: list[Any], error: str | None = None) -> None:
        """Write one site's pages, links, findings and verdict in one transaction."""
        entry = result.to_json()
        with self.session() as s, s.begin():
            for table in (PageRow, LinkRow, FindingRow):  # a re-run of the same site replaces it
                s.query(table).filter(table.campaign_site_id == campaign_site_id).delete()
            # Bulk inserts (one executemany per table): a site has hundreds of pages and links.
            for table, rows in ((PageRow, [_page_row(campaign_site_id, p) for p in pages]),
                                (LinkRow, [_link_row(campaign_site_id, link) for link in links]),
                                (FindingRow, [dict(f, campaign_site_id=campaign_site_id) for f in entry["findings"]])):
                if rows:
                    s.execute(insert(table), rows)
            row = s.get(CampaignSiteRow, campaign_site_id)
            assert row is not None
            row.status = "failed" if error and not pages else "done"
            row.finished = datetime.now()
            row.error = error
            row.verdict, row.score, row.vetoed, row.result = result.verdict, result.score, result.vetoed, entry

    def mark_started(self, campaign_site_id: int) -> None:
        with self.session() as s, s.begin():
            row = s.get(CampaignSiteRow, campaign_site_id)
            if row is not None:
                row.started = datetime.now()

    # ------------------------------------------------------------------ availability probes

    def probes(self, site_id: int, since: datetime | None = None) -> Iterator[ProbeRow]:
        with self.session() as s:
            q = select(ProbeRow).where(ProbeRow.site_id == site_id)
            if since is not None:
                q = q.where(ProbeRow.slot >= since)
            yield from s.scalars(q.order_by(ProbeRow.slot))

    def record_probes(self, rows: list[dict[str, Any]]) -> int:
        """Insert probe rows idempotently: a (site_id, slot) already recorded is skipped. Returns rows added."""
        if not rows:
            return 0
        with self.engine.begin() as conn:
            return conn.execute(_insert_ignore(self.engine.dialect.name), rows).rowcount

    def probe_slots(self, site_id: int, since: datetime) -> set[datetime]:
        """The slots of one site already recorded (any outcome) since `since`."""
        with self.session() as s:
            q = select(ProbeRow.slot).where(ProbeRow.site_id == site_id, ProbeRow.slot >= since)
            return set(s.scalars(q))

    def first_probe_slot(self, site_id: int) -> datetime | None:
        with self.session() as s:
            return s.scalar(select(func.min(ProbeRow.slot)).where(ProbeRow.site_id == site_id))

    def probe_summary(self, since: datetime | None = None) -> list[dict[str, Any]]:
        """Per site: outcome counts and the last failure, for `monitor status`."""
        failed_at = case((ProbeRow.outcome == "failed", ProbeRow.at))
        q = (select(ProbeRow.site_id, ProbeRow.outcome, func.count(), func.max(failed_at))
             .group_by(ProbeRow.site_id, ProbeRow.outcome))
        if since is not None:
            q = q.where(ProbeRow.slot >= since)
        out: dict[int, dict[str, Any]] = {}
        with self.session() as s:
            for site_id, outcome, n, last_failed in s.execute(q):
                entry = out.setdefault(site_id, {"site_id": site_id, "ok": 0, "failed": 0, "missed": 0,
                                                 "last_failure": None})
                entry[outcome] = n
                entry["last_failure"] = entry["last_failure"] or last_failed
        return [out[k] for k in sorted(out)]

    def sites(self) -> list[tuple[int, Site]]:
        """Every registered site with its row id."""
        with self.session() as s:
            return [(row.id, _site(row)) for row in s.scalars(select(SiteRow).order_by(SiteRow.id))]


def _insert_ignore(dialect: str) -> Any:
    """INSERT … ON CONFLICT DO NOTHING for the probe table in the dialects we support."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(ProbeRow).on_conflict_do_nothing(index_elements=["site_id", "slot"])
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(ProbeRow).on_conflict_do_nothing(index_elements=["site_id", "slot"])


def _site(row: SiteRow) -> Site:
    return Site(id_code=row.id_code, name=row.name, url=row.url, sponsor=row.sponsor, region_code=row.region_code,
                kind=row.kind, level=row.level, external_service=row.external_service)


def _page_row(campaign_site_id: int, p: PageFacts) -> dict[str, Any]:
    dates = [i.date for lst in p.lists for i in lst.items if i.date]
    return dict(campaign_site_id=campaign_site_id, url=p.url, status=p.status, kind=p.kind, title=p.title,
                encoding=p.encoding, links=len(p.links), items=sum(len(lst.items) for lst in p.lists),
                newest_item=max(dates).isoformat() if dates else None)


def _link_row(campaign_site_id: int, link: Any) -> dict[str, Any]:
    return dict(campaign_site_id=campaign_site_id, target=link.target, status=str(link.status), ok=link.ok,
                confirmed=link.confirmed, external=link.external, on_home=link.on_home, sources=list(link.sources[:5]))
