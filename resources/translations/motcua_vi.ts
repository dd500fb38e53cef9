<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi" sourcelanguage="vi">
<context>
    <name>LoginDialog</name>
    <message>
        <source>MotCua Desk — Đăng nhập</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tên đăng nhập</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mật khẩu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đăng nhập</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thoát</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>MotCua Desk — {office}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tìm: mã hồ sơ, tên người nộp (có dấu hoặc không), số CCCD, số điện thoại</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang giải quyết</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tất cả hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} hồ sơ khớp với “{text}”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Ổ đĩa đã đầy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ổ đĩa đã đầy: không ghi được dữ liệu. Hãy giải phóng dung lượng rồi thử lại; dữ liệu đã lưu không bị mất.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cơ sở dữ liệu đang bận</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cơ sở dữ liệu đang bị chương trình khác khoá (có thể là một cửa sổ MotCua Desk khác hoặc chương trình sao lưu). Hãy chờ một lát rồi thử lại; nếu vẫn lỗi, hãy đóng các cửa sổ MotCua Desk khác.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không kết nối được cổng dịch vụ công</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không kết nối được cổng dịch vụ công (mạng bị ngắt hoặc cổng không trả lời). Dữ liệu trên máy này không bị mất; hãy kiểm tra kết nối mạng rồi đồng bộ lại sau.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lỗi chứng chỉ bảo mật</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không xác minh được chứng chỉ bảo mật của cổng dịch vụ công nên không có dữ liệu nào được gửi đi. Hãy kiểm tra ngày giờ của máy tính; nếu ngày giờ đúng, hãy báo bộ phận kỹ thuật (mạng có thể đang chặn hoặc giả mạo kết nối).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không thực hiện được</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lỗi cơ sở dữ liệu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cổng dịch vụ công từ chối yêu cầu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hãy báo quản trị viên của bàn; dữ liệu trên máy này không bị mất.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lỗi không mong muốn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã xảy ra lỗi không mong muốn: thao tác chưa hoàn tất.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã xảy ra lỗi không mong muốn. Báo cáo lỗi đã được lưu tại {path}; hãy gửi tệp này cho bộ phận kỹ thuật.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã xảy ra lỗi không mong muốn và không lưu được báo cáo lỗi ({reason}). Hãy chụp màn hình thông báo này cùng phần chi tiết và gửi cho bộ phận kỹ thuật.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
