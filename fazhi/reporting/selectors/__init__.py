"""Reads for the annual report, the dashboard and the alerts centre — built only on the registries.

This app knows figure keys and alert providers, never another module's models: every number comes
from ``fazhi.core.registry.figures()`` and every alert from ``alert_providers()``.

- ``figures``: computing figures and writing their values;
- ``reports``: the reports, their sections, snapshots and figure cells;
- ``dashboard``: the dashboard's cards, charts, trends and rankings;
- ``alerts``: the alerts centre;
- ``rendering``: a report's prose with its numbers filled in;
- ``docx``: the .docx in the official layout (GB/T 9704) and its PDF.

Every public name is importable from ``fazhi.reporting.selectors`` as before.
"""
from . import prose  # noqa: F401
from .alerts import (  # noqa: F401
    ALERT_SORTS,
    SEVERITY_ORDER,
    AlertRow,
    alert_list,
    alerts_for,
)
from .dashboard import (  # noqa: F401
    HEADLINES,
    STATUS_LABELS,
    dashboard_data,
    dashboard_scope,
    dashboard_units,
    default_year,
    headline_indicators,
    headline_status,
    monthly_series,
    unit_series,
)
from .docx import (  # noqa: F401
    FONT_BODY,
    FONT_H1,
    FONT_H2,
    FONT_PAGE,
    FONT_TITLE,
    FONTCONFIG_ALIASES,
    docx_to_pdf,
    report_docx,
    soffice_path,
)
from .drilldown import FigureRows, figure_rows, owner_unit  # noqa: F401
from .figures import (  # noqa: F401
    MONTH_KEY,
    PLACEHOLDER,
    Computed,
    compute_all,
    compute_figure,
    format_value,
    logger,  # noqa: F401
    module_label,
    module_of,
    number_of,
    plain_value,
    records_digest,
    report_unit_ids,
    subtree_ids,
    theme_of,
)
from .prose import approximate, theme_paragraph  # noqa: F401
from .rendering import (  # noqa: F401
    numbered_headings,
    render_html,
    render_text,
)
from .reports import (  # noqa: F401
    REPORT_SORTS,
    FigureCell,
    changed_cells,
    mark_deadlines,
    public_report_get,
    public_reports,
    report_cells,
    report_get,
    report_list,
    report_placeholders,
    sections_of,
    snapshots_of,
)
