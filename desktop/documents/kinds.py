"""Kinds of paper the desk prints, by what they are (a name from the domain, not a form
number: the numbers change between form sets — the control slip is Mẫu 05 in 2018 and
Mẫu 06 in 2025). The name is also what a paper's signed QR says it is."""

from __future__ import annotations

RECEIPT_SLIP = "tiep-nhan"  # Giấy tiếp nhận hồ sơ và hẹn trả kết quả
SUPPLEMENT = "bo-sung"  # Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ
REFUSAL = "tu-choi"  # Phiếu từ chối tiếp nhận giải quyết hồ sơ
APOLOGY = "xin-loi"  # Phiếu xin lỗi và hẹn lại… (2018) / Văn bản xin lỗi và đề nghị gia hạn… (2025)
STOP = "dung"  # Thông báo dừng giải quyết hồ sơ (2025 set only)
CONTROL = "kiem-soat"  # Phiếu kiểm soát quá trình giải quyết hồ sơ
REGISTER = "so-theo-doi"  # Sổ theo dõi hồ sơ
FEE_RECEIPT = "bien-lai"  # Biên lai thu phí, lệ phí
SHIFT = "giao-ca"  # Biên bản bàn giao ca
