"""The importer for the messy text in which exam papers circulate (pasted, or a .txt/.docx upload).

It understands: answer letters inside the stem's brackets (``…（A）``), options run together
(``A.甲B.乙C.丙D.丁``) or broken across lines, ``【答案】【考点】【解析】`` blocks, ``答案:D`` lines, section headings
(``一、单项选择题``), true/false questions (``（√）``, ``答案：错误``), multi-statement stems (①…⑨) and traditional
characters (converted with the small table in ``traditional.py``). ``parse_text`` returns a preview — every
question with the reasons it is doubtful and the bank question it duplicates — and saves nothing;
``confirm_import`` saves the questions the user ticked, in one transaction.
"""
import re
from dataclasses import dataclass, field

from django.db import transaction

from fazhi.core import audit
from fazhi.core.errors import DomainError
from fazhi.core.text import clean_text, compare_key

from ..choices import QuestionKind
from ..models import LETTERS, Question
from ._base import check
from .traditional import to_simplified

JUDGE_TRUE = {"√", "对", "正确", "T", "是", "✓", "✔"}
JUDGE_FALSE = {"×", "错", "错误", "F", "否", "✗", "X", "✘"}
JUDGE_WORDS = "|".join(sorted((re.escape(w) for w in JUDGE_TRUE | JUDGE_FALSE), key=len, reverse=True))

NUMBER = re.compile(r"^\s*(\d{1,4})\s*[\.．、)）]\s*")
HEADING = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、\.．]\s*(.*?)(题)?\s*[（(]?.*$")
BLOCK = re.compile(r"【(答案|考点|解析|出处|依据)】\s*")
ANSWER_LINE = re.compile(r"(?:^|\s)(?:正确)?答案\s*[:：]\s*([A-J]{1,10}|" + JUDGE_WORDS + r")\s*$", re.M)
IN_BRACKETS = re.compile(r"[（(]\s*([A-J]{1,10}|" + JUDGE_WORDS + r")\s*[）)]")
OPTION_MARK = re.compile(r"(?<![A-Za-z])([A-J])\s*[\.．、:：]")


@dataclass
class Parsed:
    number: int
    kind: str = ""
    stem: str = ""
    options: list = field(default_factory=list)
    answer: str = ""
    point: str = ""
    explanation: str = ""
    law: str = ""
    doubts: list = field(default_factory=list)
    duplicate_of: int | None = None
    converted: bool = False

    @property
    def ok(self):
        return not self.doubts

    def option_pairs(self):
        return list(zip(LETTERS, self.options, strict=False))

    @property
    def kind_label(self):
        return dict(QuestionKind.choices).get(self.kind, "无法识别")


def _kind_hint(heading):
    if "多" in heading:
        return QuestionKind.MULTIPLE
    if "判断" in heading:
        return QuestionKind.JUDGE
    if "单" in heading or "选择" in heading:
        return QuestionKind.SINGLE
    return ""


def split_blocks(text):
    """``[(kind_hint, lines)]``: one entry per numbered question."""
    blocks, hint, current = [], "", None
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if NUMBER.match(line) is None and HEADING.match(line) and ("题" in line) and len(line) < 40:
            hint = _kind_hint(line)
            current = None
            continue
        m = NUMBER.match(line)
        if m:
            current = [hint, int(m.group(1)), [line[m.end():]]]
            blocks.append(current)
        elif current is not None:
            current[2].append(line)
    return blocks


def _split_options(body):
    """``(stem, options)``: the options are the text after the first ``A.`` whose following marks run B, C, D…"""
    marks = list(OPTION_MARK.finditer(body))
    for start_i, m in enumerate(marks):
        if m.group(1) != "A":
            continue
        chain, expect = [m], 1
        for n in marks[start_i + 1:]:
            if n.group(1) == LETTERS[expect]:
                chain.append(n)
                expect += 1
        if len(chain) >= 2:
            stem = body[:m.start()]
            options = []
            for i, c in enumerate(chain):
                end = chain[i + 1].start() if i + 1 < len(chain) else len(body)
                options.append(" ".join(body[c.end():end].split()))
            return stem, options
    return body, []


def _judge_value(word):
    if word in JUDGE_TRUE:
        return "A"
    if word in JUDGE_FALSE:
        return "B"
    return ""


def parse_block(hint, number, lines):
    q = Parsed(number=number)
    text = "\n".join(lines)
    # 【答案】【考点】【解析】 blocks
    parts = BLOCK.split(text)
    body, extras = parts[0], dict(zip(parts[1::2], parts[2::2], strict=False))
    answer = (extras.get("答案") or "").strip().upper()
    q.point = " ".join((extras.get("考点") or "").split())
    q.explanation = " ".join((extras.get("解析") or "").split())
    q.law = " ".join((extras.get("出处") or extras.get("依据") or "").split())
    m = ANSWER_LINE.search(body)
    if m:
        answer = answer or m.group(1).upper()
        body = body[:m.start()] + body[m.end():]
    # the answer inside the stem's brackets
    in_stem = IN_BRACKETS.search(body.split("A.")[0] if "A." in body else body)
    if in_stem is None:
        in_stem = IN_BRACKETS.search(body)
    if in_stem:
        answer = answer or in_stem.group(1).upper()
        body = body[:in_stem.start()] + "（ ）" + body[in_stem.end():]
    stem, options = _split_options(body)
    q.stem = "\n".join(" ".join(part.split()) for part in stem.splitlines() if part.strip())
    q.options = options
    answer = re.sub(r"[\s,，、]", "", answer)
    judge = _judge_value(answer) or _judge_value(answer.capitalize())
    if judge and not options:
        q.kind, q.answer, q.options = QuestionKind.JUDGE, judge, ["正确", "错误"]
    elif hint == QuestionKind.JUDGE and not options:
        q.kind, q.options = QuestionKind.JUDGE, ["正确", "错误"]
        q.answer = judge
    else:
        q.answer = "".join(sorted(set(answer))) if re.fullmatch(r"[A-J]+", answer or "-") else ""
        if len(q.answer) > 1 or hint == QuestionKind.MULTIPLE:
            q.kind = QuestionKind.MULTIPLE
        else:
            q.kind = QuestionKind.SINGLE
    # doubts
    if not q.stem:
        q.doubts.append("没有识别出题干")
    if not q.answer:
        q.doubts.append("没有识别出答案")
    if q.kind != QuestionKind.JUDGE:
        if len(q.options) < 2:
            q.doubts.append("没有识别出至少两个选项")
        elif q.answer and any(LETTERS.index(ch) >= len(q.options) for ch in q.answer):
            q.doubts.append("答案中的字母超出了选项范围")
        if any(not o for o in q.options):
            q.doubts.append("有空白选项")
        if hint == QuestionKind.MULTIPLE and len(q.answer) == 1:
            q.doubts.append("位于多选题部分，但答案只有一个选项")
        if hint == QuestionKind.SINGLE and len(q.answer) > 1:
            q.doubts.append("位于单选题部分，但答案有多个选项")
    return q


def parse_text(text, *, bank=None):
    """The preview of ``text``: every question parsed, doubtful ones with the reasons, duplicates found."""
    raw = str(text or "")
    simplified = to_simplified(raw)
    cleaned = clean_text(simplified.replace("\r\n", "\n").replace("\r", "\n"))
    cleaned = "\n".join(clean_text(line) for line in cleaned.split("\n"))
    blocks = split_blocks(cleaned)
    parsed = [parse_block(h, n, lines) for h, n, lines in blocks]
    seen = {}
    existing = {}
    if bank is not None:
        keys = [compare_key(p.stem) for p in parsed]
        existing = dict(Question.objects.filter(bank=bank, key__in=[k[:200] for k in keys]).values_list("key", "pk"))
    for p in parsed:
        p.converted = simplified != raw
        key = compare_key(p.stem)[:200]
        if key in existing:
            p.duplicate_of = existing[key]
            p.doubts.append("与题库中已有试题重复")
        if key and key in seen:
            p.doubts.append(f"与本次第{seen[key]}题重复")
        seen.setdefault(key, p.number)
    return parsed


def read_upload(f):
    """The text of an uploaded .txt (UTF-8 or GB18030) or .docx file."""
    name = (getattr(f, "name", "") or "").lower()
    data = f.read()
    if name.endswith(".docx"):
        import io

        import docx

        try:
            document = docx.Document(io.BytesIO(data))
        except Exception:  # noqa: BLE001 — any broken file is the same refusal
            raise DomainError("无法读取该Word文件，请另存为.docx后重试。", field="file") from None
        lines = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                lines.append(" ".join(c.text for c in row.cells))
        return "\n".join(lines)
    if name.endswith(".txt"):
        for enc in ("utf-8-sig", "gb18030"):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                continue
        raise DomainError("无法识别该文本文件的编码。", field="file")
    raise DomainError("只能上传.txt或.docx文件。", field="file")


def confirm_import(*, actor, bank, text, selected, law="", law_version=None):
    """Save the questions numbered ``selected`` (their position in the preview) of ``text`` into ``bank``."""
    from ..policies import BankPolicy

    check(BankPolicy(), actor, "import_questions", bank)
    parsed = parse_text(text, bank=bank)
    chosen = [p for i, p in enumerate(parsed) if i in set(selected)]
    if not chosen:
        raise DomainError("没有选择要导入的试题。")
    for p in chosen:
        if not p.answer or (p.kind != QuestionKind.JUDGE and len(p.options) < 2):
            raise DomainError(f"第{p.number}题没有答案或选项，不能导入。")
    with transaction.atomic():
        rows = [Question(bank=bank, kind=p.kind, stem=p.stem, options=p.options, answer=p.answer, point=p.point,
                         explanation=p.explanation, law=p.law or law, law_version=law_version,
                         key=compare_key(p.stem)[:200]) for p in chosen]
        Question.objects.bulk_create(rows)
        audit.record(actor=actor, event="legal_education.questions_imported", obj=bank,
                     changes={"count": [None, len(rows)]})
    return len(rows)


def questions_import(*, actor, bank, rows):
    """Save the clean rows of the question bank's Excel template into ``bank`` (all or nothing: a question
    already in the bank refuses the whole file, naming its row)."""
    from fazhi.core.spreadsheets import RowError

    from ..policies import BankPolicy

    check(BankPolicy(), actor, "import_questions", bank)
    existing = set(Question.objects.filter(bank=bank).values_list("key", flat=True))
    questions = []
    for r in rows:
        key = compare_key(r["stem"])[:200]
        if key in existing:
            raise RowError("题库中已有相同的试题", row=r, field="stem")
        questions.append(Question(
            bank=bank, kind=r["kind"], stem=r["stem"], options=r["options"], answer=r["answer"],
            point=r.get("point") or "", explanation=r.get("explanation") or "", law=r.get("law") or "",
            article=r.get("article") or "", law_version=r.get("law_version"), tags=r.get("tags") or "",
            difficulty=r.get("difficulty") or 2, key=key))
    with transaction.atomic():
        Question.objects.bulk_create(questions)
        audit.record(actor=actor, event="legal_education.questions_imported", obj=bank,
                     changes={"count": [None, len(questions)]})
    return len(questions)
