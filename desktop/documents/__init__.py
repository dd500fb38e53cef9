"""Giấy tờ in — every paper the desk prints (reportlab), and the signed verification QR."""
