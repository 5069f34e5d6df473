"""Move documents through the real services (Zulip's way of building test data)."""
import datetime

from fazhi.normative_docs import services

D = datetime.date

TEXT = ("第一条 为规范城区农贸市场经营秩序，保障消费者合法权益，制定本办法。\n"
        "第二条 市场开办者应当建立进货查验制度。\n"
        "第三条 本办法自公布之日起施行。")


def draft(county, *, title="某县农贸市场管理暂行办法", issuer=None, actor=None, affects_public=False, **kw):
    actor = actor or county.liaison
    return services.doc_create(actor=actor, title=title, issuer=issuer or county.market, text=kw.pop("text", TEXT),
                               affects_public=affects_public, **kw)


def commenting(county, *, on=None, **kw):
    """A draft published for comment on ``on`` (default 2019-03-01)."""
    doc = draft(county, affects_public=True, **kw)
    return services.comment_open(actor=county.liaison, doc=doc, on=on or D(2019, 3, 1))


def commented(county, *, body="建议明确抽检样本的保存期限。", name="", address="10.0.0.1", **kw):
    """A draft in 征求意见 with one comment from the public, sent the day after the period opened."""
    doc = commenting(county, **kw)
    services.comment_submit(doc=doc, body=body, name=name, address=address, now=at(doc.comment_started_on, 1))
    return doc


def at(day, days_after=0, hour=10):
    """An aware moment ``days_after`` days after ``day`` (the county's time zone)."""
    from fazhi.core.clock import COUNTY_TZ

    return datetime.datetime.combine(day + datetime.timedelta(days=days_after), datetime.time(hour), COUNTY_TZ)


def reviewed(county, **kw):
    doc = draft(county, **kw)
    doc = services.review_submit(actor=county.liaison, doc=doc, on=D(2019, 3, 1))
    return services.review_opine(actor=county.office, doc=doc, opinion="lawful", reasons="符合法律规定。",
                                   on=D(2019, 3, 8))


def signed(county, **kw):
    doc = reviewed(county, **kw)
    doc = services.doc_deliberate(actor=county.liaison, doc=doc, on=D(2019, 3, 12), meeting="局务会议")
    return services.doc_sign(actor=county.liaison, doc=doc, on=D(2019, 3, 13), signer="张局长")


def published(county, *, on=None, **kw):
    on = on or D(2019, 3, 20)
    doc = signed(county, **kw)
    doc = services.doc_register(actor=county.office, doc=doc, on=D(2019, 3, 14))
    return services.doc_publish(actor=county.office, doc=doc, published_on=on, published_in="县政府门户网站")
