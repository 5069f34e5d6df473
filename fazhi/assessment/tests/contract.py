"""What the URL contract test (fazhi/core/tests/test_contract.py) needs to know about the module's URLs,
one file per part."""
from .contract_evaluation import PUBLIC as _P2
from .contract_evaluation import SAMPLES as _S2
from .contract_evaluation import SECRET_TEXT as _T2
from .contract_leadership import PUBLIC as _P1
from .contract_leadership import SAMPLES as _S1
from .contract_leadership import SECRET_TEXT as _T1

PUBLIC = _P1 | _P2
SAMPLES = {**_S1, **_S2}
SECRET_TEXT = {**_T1, **_T2}
