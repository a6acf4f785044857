"""The store's tables (SQLAlchemy 2 declarative). Bodies of pages are not stored, only their facts."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class SiteRow(Base):
    __tablename__ = "site"
    id: Mapped[int] = mapped_column(primary_key=True)
    id_code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(String(500))
    sponsor: Mapped[str] = mapped_column(String(200), default="")
    region_code: Mapped[str] = mapped_column(String(6), default="")
    kind: Mapped[str] = mapped_column(String(16), default="portal")
    level: Mapped[str] = mapped_column(String(32), default="")
    external_service: Mapped[bool] = mapped_column(Boolean, default=True)


class CampaignRow(Base):
    __tablename__ = "campaign"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    period: Mapped[str] = mapped_column(String(64), default="")
    as_of: Mapped[datetime] = mapped_column(DateTime)
    profile: Mapped[str] = mapped_column(String(200), default="gov2019")
    scope: Mapped[str] = mapped_column(String(16), default="全覆盖")
    sample_share: Mapped[float | None] = mapped_column(Float, nullable=True)
    seed: Mapped[int | None] = mapped_column(Integer, nullable=True)
    stratify: Mapped[str] = mapped_column(String(100), default="")
    registry_path: Mapped[str] = mapped_column(Text, default="")
    sites_registered: Mapped[int] = mapped_column(Integer, default=0)
    created: Mapped[datetime] = mapped_column(DateTime)
    finished: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class CampaignSiteRow(Base):
    __tablename__ = "campaign_site"
    __table_args__ = (UniqueConstraint("campaign_id", "site_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id"), index=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id"))
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending | done | failed
    started: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    finished: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    verdict: Mapped[str | None] = mapped_column(String(8), nullable=True)
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    vetoed: Mapped[bool] = mapped_column(Boolean, default=False)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)  # the results.json site entry


class PageRow(Base):
    __tablename__ = "page"
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_site_id: Mapped[int] = mapped_column(ForeignKey("campaign_site.id"), index=True)
    url: Mapped[str] = mapped_column(Text)
    status: Mapped[int | None] = mapped_column(Integer, nullable=True)
    kind: Mapped[str] = mapped_column(String(16), default="other")
    title: Mapped[str | None] = mapped_column(Text, nullable=True)
    encoding: Mapped[str | None] = mapped_column(String(32), nullable=True)
    links: Mapped[int] = mapped_column(Integer, default=0)
    items: Mapped[int] = mapped_column(Integer, default=0)
    newest_item: Mapped[str | None] = mapped_column(String(10), nullable=True)


class LinkRow(Base):
    __tablename__ = "link_result"
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_site_id: Mapped[int] = mapped_column(ForeignKey("campaign_site.id"), index=True)
    target: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(32))
    ok: Mapped[bool] = mapped_column(Boolean)
    confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    external: Mapped[bool] = mapped_column(Boolean, default=False)
    on_home: Mapped[bool] = mapped_column(Boolean, default=False)
    sources: Mapped[list[str]] = mapped_column(JSON, default=list)


class FindingRow(Base):
    __tablename__ = "finding"
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_site_id: Mapped[int] = mapped_column(ForeignKey("campaign_site.id"), index=True)
    indicator: Mapped[str] = mapped_column(String(16), index=True)
    title: Mapped[str] = mapped_column(String(100))
    part: Mapped[str] = mapped_column(String(8))
    points: Mapped[float | None] = mapped_column(Float, nullable=True)
    url: Mapped[str] = mapped_column(Text)
    evidence: Mapped[Any] = mapped_column(JSON)
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    needs_review: Mapped[bool] = mapped_column(Boolean, default=False)
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)


class ProbeRow(Base):
    __tablename__ = "probe"
    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id"), index=True)
    slot: Mapped[datetime] = mapped_column(DateTime, index=True)  # the scheduled instant
    at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    outcome: Mapped[str] = mapped_column(String(16))  # ok | failed | missed
    status: Mapped[int | None] = mapped_column(Integer, nullable=True)
    elapsed_s: Mapped[float | None] = mapped_column(Float, nullable=True)
    error: Mapped[str | None] = mapped_column(String(64), nullable=True)
    fingerprint: Mapped[str | None] = mapped_column(String(64), nullable=True)
    __table_args__ = (UniqueConstraint("site_id", "slot"),)
