<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi">
<context>
    <name>LoginDialog</name>
    <message>
        <source>MotCua Desk — Đăng nhập</source>
        <translation>MotCua Desk — Log in</translation>
    </message>
    <message>
        <source>Tên đăng nhập</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Đăng nhập</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>MotCua Desk — {office}</source>
        <translation>MotCua Desk — {office}</translation>
    </message>
    <message>
        <source>Tìm: mã hồ sơ, tên người nộp (có dấu hoặc không), số CCCD, số điện thoại</source>
        <translation>Search: dossier code, applicant name (with or without diacritics), ID card number, phone number</translation>
    </message>
    <message>
        <source>Đang giải quyết</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Tất cả hồ sơ</source>
        <translation>All dossiers</translation>
    </message>
    <message>
        <source>{n} hồ sơ</source>
        <translation>Dossiers: {n}</translation>
    </message>
    <message>
        <source>{n} hồ sơ khớp với “{text}”</source>
        <translation>Dossiers matching “{text}”: {n}</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Ổ đĩa đã đầy</source>
        <translation>Disk full</translation>
    </message>
    <message>
        <source>Ổ đĩa đã đầy: không ghi được dữ liệu. Hãy giải phóng dung lượng rồi thử lại; dữ liệu đã lưu không bị mất.</source>
        <translation>The disk is full: data could not be written. Free some space and try again; data already saved is not lost.</translation>
    </message>
    <message>
        <source>Cơ sở dữ liệu đang bận</source>
        <translation>Database busy</translation>
    </message>
    <message>
        <source>Cơ sở dữ liệu đang bị chương trình khác khoá (có thể là một cửa sổ MotCua Desk khác hoặc chương trình sao lưu). Hãy chờ một lát rồi thử lại; nếu vẫn lỗi, hãy đóng các cửa sổ MotCua Desk khác.</source>
        <translation>The database is locked by another program (perhaps another MotCua Desk window or a backup program). Wait a moment and try again; if it persists, close the other MotCua Desk windows.</translation>
    </message>
    <message>
        <source>Không kết nối được cổng dịch vụ công</source>
        <translation>Cannot reach the public service portal</translation>
    </message>
    <message>
        <source>Không kết nối được cổng dịch vụ công (mạng bị ngắt hoặc cổng không trả lời). Dữ liệu trên máy này không bị mất; hãy kiểm tra kết nối mạng rồi đồng bộ lại sau.</source>
        <translation>Cannot reach the public service portal (the network is down or the portal does not answer). Data on this computer is not lost; check the network connection and synchronise again later.</translation>
    </message>
    <message>
        <source>Lỗi chứng chỉ bảo mật</source>
        <translation>Security certificate error</translation>
    </message>
    <message>
        <source>Không xác minh được chứng chỉ bảo mật của cổng dịch vụ công nên không có dữ liệu nào được gửi đi. Hãy kiểm tra ngày giờ của máy tính; nếu ngày giờ đúng, hãy báo bộ phận kỹ thuật (mạng có thể đang chặn hoặc giả mạo kết nối).</source>
        <translation>The portal&apos;s security certificate could not be verified, so no data was sent. Check the computer&apos;s date and time; if they are right, tell technical support (the network may be blocking or intercepting the connection).</translation>
    </message>
    <message>
        <source>Không thực hiện được</source>
        <translation>Cannot be done</translation>
    </message>
    <message>
        <source>Lỗi cơ sở dữ liệu</source>
        <translation>Database error</translation>
    </message>
    <message>
        <source>Cổng dịch vụ công từ chối yêu cầu</source>
        <translation>The public service portal refused the request</translation>
    </message>
    <message>
        <source>Hãy báo quản trị viên của bàn; dữ liệu trên máy này không bị mất.</source>
        <translation>Tell the desk&apos;s administrator; data on this computer is not lost.</translation>
    </message>
    <message>
        <source>Lỗi không mong muốn</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <source>Đã xảy ra lỗi không mong muốn: thao tác chưa hoàn tất.</source>
        <translation>An unexpected error occurred: the operation was not completed.</translation>
    </message>
    <message>
        <source>Đã xảy ra lỗi không mong muốn. Báo cáo lỗi đã được lưu tại {path}; hãy gửi tệp này cho bộ phận kỹ thuật.</source>
        <translation>An unexpected error occurred. An error report was saved to {path}; please send this file to technical support.</translation>
    </message>
    <message>
        <source>Đã xảy ra lỗi không mong muốn và không lưu được báo cáo lỗi ({reason}). Hãy chụp màn hình thông báo này cùng phần chi tiết và gửi cho bộ phận kỹ thuật.</source>
        <translation>An unexpected error occurred and the error report could not be saved ({reason}). Take a screenshot of this message with its details and send it to technical support.</translation>
    </message>
</context>
</TS>
