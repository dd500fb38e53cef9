<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi" sourcelanguage="vi">
<context>
    <name></name>
    <message>
        <source>chưa bao giờ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vừa xong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{minutes} phút trước</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountPage</name>
    <message>
        <source>Tài khoản quản trị</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tạo tài khoản quản trị hệ thống của bạn trên bàn này.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Họ và tên</source>
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
        <source>Nhập lại mật khẩu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mật khẩu có ít nhất 8 ký tự. Tên đăng nhập gồm chữ không dấu, số, dấu chấm hoặc gạch dưới.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hai lần nhập mật khẩu không khớp.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BatchPrintDialog</name>
    <message>
        <source>Đang in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Huỷ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In hàng loạt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã in {done}/{total} giấy tờ…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã in xong {pages} trang.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChecksModel</name>
    <message>
        <source>STT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Giấy tờ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loại</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bản quét</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kết quả kiểm tra</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ghi chú</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không đính kèm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chưa tải về</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChoicePage</name>
    <message>
        <source>Chào mừng đến MotCua Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bàn làm việc này chưa có dữ liệu. Hãy chọn cách bắt đầu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kết nối với cổng dịch vụ công của tỉnh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dùng dữ liệu mẫu để làm quen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cần địa chỉ cổng và mã ghi danh một lần do quản trị cổng cấp (lệnh motcua portal enrol-desk). Hồ sơ, danh mục thủ tục và tài khoản cán bộ được tải từ cổng.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Một cơ quan mẫu với hồ sơ mẫu, để tập các thao tác; không gửi gì lên cổng. Khi dùng thật, hãy cài lại bàn vào một tệp mới và kết nối với cổng.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictsModel</name>
    <message>
        <source>Mã hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Người nộp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thao tác của bàn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lúc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cổng trả lời</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictsPanel</name>
    <message>
        <source>Trạng thái trên cổng: &lt;b&gt;{state}&lt;/b&gt; (phiên bản {version})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>công dân (trực tuyến)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — lý do: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nhận phiên bản của cổng (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bên bàn này</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bên cổng dịch vụ công</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cổng đã không nhận thao tác của bàn vì hồ sơ đã thay đổi trên cổng. Nhận phiên bản của cổng: thao tác của bàn vẫn được giữ trong lịch sử, hồ sơ được cập nhật theo cổng ở lần đồng bộ sau.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không có xung đột nào chờ giải quyết.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hồ sơ &lt;b&gt;{code}&lt;/b&gt; — {applicant}&lt;br&gt;Thao tác: &lt;b&gt;{act}&lt;/b&gt; → {to_state}&lt;br&gt;Cán bộ: {officer}, lúc {at}&lt;br&gt;Lý do: {reason}&lt;br&gt;Trạng thái tại bàn: {state}&lt;br&gt;Cổng trả lời: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang hỏi cổng…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không hỏi được cổng lúc này ({error}). Cổng đã trả lời: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã nhận phiên bản của cổng cho hồ sơ {code}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeadlinesModel</name>
    <message>
        <source>Mã hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Người nộp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thủ tục</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phòng đang giữ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hạn bước</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hạn trả</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Còn (ngày làm việc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tình trạng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hạn trả khi tiếp nhận (tính trễ hạn theo hạn này); đã xin lỗi và hẹn lại {new}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{due} (hẹn lại {new})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{standing} (hẹn lại {new})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeadlinesPanel</name>
    <message>
        <source>Mọi phòng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mọi tình trạng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Làm mới (F7)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phòng:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tình trạng:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Theo phòng&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#b3261e&apos;&gt;&lt;b&gt;Phiên chưa kiểm tra hồ sơ trực tuyến trên cổng ({days} ngày qua, Đ12.8):&lt;/b&gt;&lt;/span&gt; {sessions}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mọi phiên làm việc trong {days} ngày qua đều đã kiểm tra hồ sơ trực tuyến trên cổng (Đ12.8).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ý kiến đánh giá của công dân {days} ngày qua (Đ11.5): {counts} · khiếu nại, phản ánh chưa giải quyết (Đ16): &lt;b&gt;{open}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} / {total} hồ sơ đang giải quyết</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DemoPage</name>
    <message>
        <source>Dữ liệu mẫu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tạo một bàn mẫu để làm quen với MotCua Desk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bấm Tiếp theo để tạo Trung tâm Phục vụ hành chính công mẫu với hồ sơ mẫu ở mọi bước xử lý. Việc này mất khoảng nửa phút. Tài khoản mẫu (quantri, lanhdao, canbo1, canbo2) có mật khẩu là tên đăng nhập thêm “-demo”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang tạo dữ liệu mẫu…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã tạo dữ liệu mẫu.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeskMenus</name>
    <message>
        <source>Giấy tờ đủ, hợp lệ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Giấy tờ còn thiếu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Giấy tờ sai (ghi chú lý do)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đồng bộ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hệ thống</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trợ giúp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tìm hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bàn giao hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xuất ra Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Về hàng đợi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theo dõi hạn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đóng thẻ hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hàng đợi theo thứ tự mặc định (bỏ sắp xếp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Báo cáo định kỳ…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bản quét</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trang trước</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trang sau</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phóng to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thu nhỏ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xoay 90°</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đồng bộ ngay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xung đột đồng bộ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Khoá bàn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ngôn ngữ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cài đặt…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phím tắt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thanh công cụ</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DossierView</name>
    <message>
        <source>Đang tải hồ sơ…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tiếp nhận (F2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yêu cầu bổ sung (F3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Từ chối (F4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã bổ sung (F6)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đối chiếu và trả kết quả (F9)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Có kết quả (F11)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không giải quyết (F12)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chuyển tiếp (Ctrl+Shift+T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xin ý kiến (Ctrl+Shift+Y)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nghĩa vụ tài chính (Ctrl+Shift+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã nộp nghĩa vụ tài chính (Ctrl+Shift+X)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xin lỗi, hẹn lại (Ctrl+Shift+H)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nhận qua bưu chính (Ctrl+Shift+B)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gửi kết quả qua bưu chính (Ctrl+Shift+G)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trả kết quả trực tuyến (Ctrl+Shift+O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rút hồ sơ (Ctrl+Shift+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dừng xử lý (Ctrl+Shift+D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Khiếu nại, phản ánh (Ctrl+Shift+K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Giải quyết khiếu nại (Ctrl+Shift+Q)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ý kiến đánh giá (Ctrl+Shift+E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In lại giấy tờ (Ctrl+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kiểm tra từng giấy tờ — phím 1: đủ, hợp lệ · 2: thiếu · 3: sai (ghi chú lý do)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b style=&apos;font-size:14pt&apos;&gt;{code}&lt;/b&gt; — &lt;b&gt;{state}&lt;/b&gt; · Mức độ {level} · {channel}&lt;br&gt;&lt;b&gt;{name}&lt;/b&gt; · CCCD {id} · ĐT {phone} · {email}&lt;br&gt;{address}&lt;br&gt;Thủ tục: &lt;b&gt;{procedure}&lt;/b&gt; ({sector}) · {time} · {department}&lt;br&gt;Nộp lúc {submitted}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chưa có ngày hẹn trả (hồ sơ chưa được tiếp nhận).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hẹn trả: {due}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hẹn trả khi tiếp nhận: {due}; hẹn lại: {new}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — &lt;b style=&apos;color:#b3261e&apos;&gt;trễ hạn {n} ngày làm việc&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — hạn hôm nay, còn {h} giờ {m} phút làm việc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — còn {n} ngày làm việc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không kiểm tra được chữ ký số: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n}. {name}: công dân không đính kèm bản quét.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tiếp nhận hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yêu cầu bổ sung, hoàn thiện hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lý do yêu cầu bổ sung</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Từ chối tiếp nhận hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lý do từ chối (bắt buộc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yêu cầu bổ sung khi đang giải quyết</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hồ sơ tiếp tục được giải quyết; ngày hẹn trả kết quả lùi thêm thời gian đã chờ bổ sung.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hồ sơ được đưa lại hàng đợi để kiểm tra.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ghi nhận công dân đã bổ sung</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ghi chú: {note}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Giấy tờ đã nhận bổ sung</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <source>Không kết nối được cổng dịch vụ công ({problem}). Hãy kiểm tra địa chỉ cổng và kết nối mạng rồi bấm Tiếp theo để thử lại; hoặc quay lại chọn dữ liệu mẫu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cổng dịch vụ công không nhận mã ghi danh ({detail}). Mã chỉ dùng được một lần và có hạn: hãy xin quản trị cổng một mã mới.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>MotCua Desk — Bắt đầu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tiếp theo &gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt; Quay lại</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Huỷ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hoàn tất</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Công dân sẽ nhận được thông báo:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xác nhận (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quay lại (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chọn tệp…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(Điền đủ các ô để xem nội dung thông báo.)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FormModel</name>
    <message>
        <source>Mục</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tổng số nhận</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trực tuyến</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trực tiếp, bưu chính</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Từ kỳ trước</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã giải quyết</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trước hạn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đúng hạn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quá hạn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang giải quyết</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trong hạn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quá hạn (đang giải quyết)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tổng cộng</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Forms</name>
    <message>
        <source>Công dân rút hồ sơ: cơ quan không thực hiện dịch vụ (Đ10.3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hồ sơ dừng xử lý: cơ quan không thực hiện dịch vụ (Đ10.3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hồ sơ không được giải quyết: cơ quan không thực hiện dịch vụ (Đ10.3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chuyển tiếp phòng chuyên môn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phòng đang giữ hồ sơ chuyển tiếp cho phòng khác: bước của phòng này kết thúc và được ghi trước hạn, đúng hạn hoặc trễ hạn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phòng nhận tiếp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Người nhận</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thời gian giao (ngày làm việc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theo hạn của hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ghi chú</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xin ý kiến phối hợp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ghi vào lịch sử hồ sơ; thời hạn của bước vẫn tiếp tục.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cơ quan, phòng được hỏi (cách nhau bởi dấu phẩy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nội dung xin ý kiến</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yêu cầu thực hiện nghĩa vụ tài chính</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thời hạn giải quyết tạm dừng đến khi công dân nộp xong; ngày hẹn trả lùi tương ứng.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nội dung nghĩa vụ tài chính</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số tiền</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xác nhận đã nộp nghĩa vụ tài chính</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thời hạn giải quyết tiếp tục; ngày hẹn trả lùi thêm thời gian đã chờ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số chứng từ nộp tiền</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không đọc được tệp {path}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ghi nhận có kết quả</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hồ sơ chuyển sang chờ trả kết quả cho công dân.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số văn bản kết quả</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bản quét kết quả (không bắt buộc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chọn bản quét văn bản kết quả</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF hoặc ảnh (*.pdf *.png *.jpg *.jpeg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không giải quyết, nêu lý do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lý do không giải quyết</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số văn bản trả lời</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lãnh đạo ký văn bản</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ngày hẹn mới {day} không phải ngày làm việc.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xin lỗi và hẹn lại ngày trả kết quả</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hẹn trả hiện tại: {due}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ngày hẹn mới</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lý do trễ hạn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nhận bản chính, phí qua bưu chính</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số hiệu bưu gửi nhận được</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cước gửi trả kết quả đã nhận</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chỉ gửi khi bản chính từng giấy tờ đã nhận qua bưu chính và khớp, đã nộp đủ phí, lệ phí và cước gửi trả kết quả.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trả kết quả trực tuyến</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mức độ 4: văn bản kết quả (hoặc văn bản trả lời) đã ký số được tải lên Cổng dịch vụ công ở lần đồng bộ tới; công dân nhận thông báo và tải văn bản về.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gửi kết quả qua bưu chính</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Khớp bản điện tử</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Khác bản điện tử</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không có trong bưu gửi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bản chính: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Khác ở đâu (nếu khác)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số hiệu bưu gửi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lãnh đạo cho phép (nếu bản chính chưa khớp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mật khẩu lãnh đạo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lý do cho phép</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Công dân rút hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hồ sơ kết thúc, không giải quyết tiếp. Phí, lệ phí đã nộp được hoàn trả ở bước sau.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lý do rút hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dừng xử lý hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lý do dừng xử lý</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>- {amount} đồng, {method}, ngày {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hồ sơ đã nộp {total} đồng:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hoàn trả phí, lệ phí</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hoàn trả (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lý do hoàn trả</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ghi nhận khiếu nại, phản ánh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loại</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nội dung</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kênh tiếp nhận</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Giải quyết khiếu nại, phản ánh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Khiếu nại, phản ánh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kết quả giải quyết</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ghi nhận ý kiến đánh giá</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mức đánh giá</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ý kiến của công dân</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HandoverBatchDialog</name>
    <message>
        <source>Bàn giao hồ sơ cho phòng chuyên môn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hồ sơ đã tiếp nhận, chờ bàn giao. Space: chọn / bỏ hồ sơ đang đứng · Ctrl+A: chọn tất cả · Ctrl+Enter: bàn giao · Ctrl+P: in phiếu bàn giao (Mẫu 05).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Họ tên, chức vụ người nhận của phòng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theo hạn trả của từng hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ngày làm việc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phòng chuyên môn nhận</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Người nhận</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thời gian giao cho phòng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bàn giao (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In phiếu bàn giao (Ctrl+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đóng (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không có hồ sơ nào chờ bàn giao.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã chọn {n} / {total} hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bàn giao hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã bàn giao &lt;b&gt;{n}&lt;/b&gt; hồ sơ cho {department} ({receiver}). In phiếu bàn giao để hai bên ký: Ctrl+P.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HandoverModel</name>
    <message>
        <source>Mã hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Người nộp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thủ tục</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phòng chuyên môn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hạn trả</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LockPage</name>
    <message>
        <source>&lt;h2&gt;Bàn làm việc đã khoá&lt;/h2&gt;{name} — {office}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mở khoá</source>
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
        <source>Chỉ cán bộ đang làm việc hoặc lãnh đạo bộ phận được mở khoá.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>MotCua Desk — Đăng nhập</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bộ phận tiếp nhận và trả kết quả</source>
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
        <source>Hàng đợi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đồng bộ (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đồng bộ không thành công: {m}</source>
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
        <source>Mọi thủ tục</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mọi lĩnh vực</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tìm hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mở hồ sơ đang chọn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tiếp nhận</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yêu cầu bổ sung</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Từ chối</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ghi nhận đã bổ sung</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đối chiếu bản chính và trả kết quả</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bàn giao hồ sơ cho phòng chuyên môn (in Mẫu 05)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ghi nhận có kết quả (số văn bản, bản quét)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không giải quyết, nêu lý do (lãnh đạo ký)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chuyển tiếp phòng chuyên môn khác</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xin ý kiến phối hợp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yêu cầu nghĩa vụ tài chính</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xác nhận đã nộp nghĩa vụ tài chính</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xin lỗi, hẹn lại ngày trả (in Mẫu 04)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nhận bản chính, phí qua bưu chính</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gửi kết quả qua bưu chính</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trả kết quả trực tuyến (mức độ 4, ký số)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Công dân rút hồ sơ (hoàn trả phí)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dừng xử lý (hoàn trả phí)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ghi nhận khiếu nại, phản ánh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Giải quyết khiếu nại, phản ánh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ghi nhận ý kiến đánh giá</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đánh dấu giấy tờ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xác nhận</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đồng bộ ngay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theo dõi hạn giải quyết (theo phòng)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xung đột đồng bộ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Về hàng đợi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đóng thẻ hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Khoá bàn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trang bản quét</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phóng to / thu nhỏ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xoay bản quét</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In lại giấy tờ của hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Danh sách phím tắt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mọi hạn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quá hạn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đến hạn hôm nay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hạn trong tuần</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mọi kênh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trực tuyến</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trực tiếp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bưu chính</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mọi mức độ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mức độ 3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mức độ 4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — tìm trong mọi hồ sơ, bộ lọc tạm bỏ (xoá ô tìm để trở lại bộ lọc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theo dõi hạn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phím tắt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xuất ra Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã xuất {n} hồ sơ ra {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mở báo cáo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xem theo dõi hạn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In lại giấy tờ của hồ sơ…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sổ theo dõi hồ sơ…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bàn giao ca…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In lại giấy tiếp nhận trong ngày…</source>
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
    <message>
        <source>Hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang đồng bộ…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bàn chưa ghi danh với cổng: làm việc ngoại tuyến.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đồng bộ xong. {summary}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đầu {session}: đã kiểm tra hồ sơ trực tuyến trên cổng — &lt;b&gt;{n}&lt;/b&gt; hồ sơ mới chờ tiếp nhận.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chọn một hồ sơ để in lại giấy tờ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang chuẩn bị giấy tiếp nhận…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ngày {day} không có hồ sơ nào được tiếp nhận.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đóng (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã chọn {language}: áp dụng từ lần mở bàn sau.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Báo cáo định kỳ</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoticeDialog</name>
    <message>
        <source>Công dân sẽ nhận được thông báo:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xác nhận (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quay lại (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(Nhập lý do để xem nội dung thông báo.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phải nhập lý do.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Operations</name>
    <message>
        <source>{label}: đang thực hiện…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label}: đã xong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label}: chưa thực hiện được.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OriginalsDialog</name>
    <message>
        <source>Đối chiếu bản chính và trả kết quả — {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đặt bản chính công dân xuất trình cạnh bản điện tử. Phím 1: khớp · 2: khác (ghi rõ khác ở đâu) · 3: không xuất trình.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Công dân đã ký vào tờ khai, phiếu nhận kết quả</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thu phí, in biên lai (Ctrl+T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trả kết quả (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lãnh đạo bộ phận cho phép trả kết quả</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cho phép và trả kết quả</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tên đăng nhập lãnh đạo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mật khẩu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lý do cho phép</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Người nhận kết quả</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đóng (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phí, lệ phí còn phải thu: &lt;b&gt;{amount} đồng&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phí, lệ phí: đã nộp đủ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã thu {amount} đồng — biên lai {receipt}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PaperOffer</name>
    <message>
        <source>In giấy tờ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang chuẩn bị giấy tờ…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xem trước</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Để sau (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sẵn sàng in {copies} bản.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hồ sơ {code} — sẵn sàng in {copies} bản.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In lại: giấy ra có dấu BẢN SAO.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy in: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>máy in mặc định của máy tính</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không chuẩn bị được giấy tờ: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đóng (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã in; đang ghi sổ…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Giấy đã in nhưng chưa ghi được vào sổ: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang in {copies} bản…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>MotCua Desk — Mật khẩu bảo vệ dữ liệu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy này không có kho khoá của hệ điều hành. Hãy đặt mật khẩu bảo vệ cơ sở dữ liệu (ít nhất {n} ký tự); cần nhập nó mỗi lần mở chương trình.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dữ liệu của bàn được mã hoá. Nhập mật khẩu bảo vệ cơ sở dữ liệu do quản trị đặt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mật khẩu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nhập lại</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hai lần nhập mật khẩu không khớp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mật khẩu phải có ít nhất {n} ký tự.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PortalPage</name>
    <message>
        <source>Kết nối với cổng dịch vụ công</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nhập địa chỉ cổng của tỉnh và mã ghi danh một lần của bàn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ví dụ Quầy 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>khi tỉnh tự cấp chứng chỉ cho cổng https</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Địa chỉ cổng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mã ghi danh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tên bàn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chứng chỉ gốc (CA)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hãy nhập cả địa chỉ cổng và mã ghi danh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang kết nối với cổng {url}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã ghi danh bàn với cổng.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrintForms</name>
    <message>
        <source>Buổi sáng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buổi chiều</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cả ngày</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ngày cuối phải sau ngày đầu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sổ theo dõi hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Các hồ sơ cơ quan nhận trong những ngày này, theo ngày nộp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chuẩn bị sổ (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Từ ngày</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đến ngày</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bàn giao ca</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Các hồ sơ công chức đã xử lý và phí, lệ phí đã thu bằng tiền mặt trong ca.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chuẩn bị phiếu (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ngày</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ca</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In lại giấy tiếp nhận trong ngày</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Giấy tiếp nhận của mọi hồ sơ cơ quan tiếp nhận trong ngày, in liền một lượt trên máy in giấy tiếp nhận.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ngày tiếp nhận</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>Không mở được máy in (kiểm tra máy in hoặc đường dẫn tệp).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không đọc được tệp PDF ({error}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tệp PDF không có trang {page} (có {count} trang).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xem trước khi in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In không thành công: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>Trực tiếp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trực tuyến</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bưu chính</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mã hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Người nộp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thủ tục</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mức độ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kênh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ngày nộp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hạn trả</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tiến độ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{due} (hẹn lại {new})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tạm dừng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trễ {n} ngày</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trễ hạn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} ngày</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hôm nay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (hẹn lại {new})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportCharts</name>
    <message>
        <source>Tỉ lệ đúng hạn (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tỉ lệ giải quyết trước hạn, đúng hạn theo tháng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quá hạn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hồ sơ giải quyết quá hạn theo phòng chuyên môn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T{month}/{year}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message>
        <source>Vừa ký chốt số liệu ({who}, {at}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã ký chốt số liệu ({who}, {at}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theo thủ tục</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theo phòng chuyên môn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2026-11, 2026-Q4 hoặc 2026</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lập báo cáo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lưu PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lưu Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ký chốt số liệu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kỳ báo cáo:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hồ sơ của số liệu đã chọn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang đếm số liệu…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; ({span}) — hạn gửi trước ngày {due}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Khác với khi ký: {changes}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lưu báo cáo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã lưu {path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReprintDialog</name>
    <message>
        <source>In lại giấy tờ — {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang tìm giấy tờ của hồ sơ…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In lại (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đóng (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chọn giấy tờ cần in lại:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hồ sơ chưa có giấy tờ nào để in.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScanViewer</name>
    <message>
        <source>Ảnh quá lớn để hiển thị ({width}×{height} điểm ảnh).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không đọc được ảnh (tệp hỏng hoặc không phải ảnh).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chọn một giấy tờ để xem bản quét</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trang trước (Page Up)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trang sau (Page Down)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thu nhỏ (Ctrl+-)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phóng to (Ctrl++)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xoay 90° (Ctrl+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang tải bản quét…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bàn chưa có bản quét này (sẽ tải về khi đồng bộ).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trang {page}/{pages} · {zoom}% · xoay {angle}°</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trang quá lớn, hiển thị thu nhỏ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không hiển thị được bản quét: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Cơ quan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Giấy tờ in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Giao diện</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sao lưu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cổng dịch vụ công</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chỉ quản trị hệ thống được mở Cài đặt của bàn; hãy nhờ quản trị viên.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cài đặt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lưu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Huỷ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bàn chưa ghi danh với cổng dịch vụ công: địa chỉ cổng được đặt khi ghi danh bàn (lần chạy đầu tiên, hoặc lệnh motcua enrol).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy in mặc định của hệ thống</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HH:MM — để trống: tắt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang dùng chứng chỉ đã chép vào bàn khi ghi danh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chọn tệp…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chứng chỉ gốc của tỉnh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chứng chỉ (*.pem *.crt)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SummaryModel</name>
    <message>
        <source>Toàn cơ quan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phòng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cộng</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message>
        <source>Đang gửi thao tác</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang nhận hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang nhận thay đổi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang tải bản quét</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ngoại tuyến — bàn chưa ghi danh với cổng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chưa đồng bộ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Trực tuyến</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>○ Mất kết nối</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{state} · đồng bộ: {ago} · chờ gửi: {pending} · xung đột: {conflicts}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang đồng bộ…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>Thời điểm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thao tác</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cán bộ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bàn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trạng thái sau</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chi tiết</source>
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
        <source>Cơ sở dữ liệu bị hỏng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cơ sở dữ liệu {path} bị hỏng ({problem}). Không dùng tiếp tệp này: hãy khôi phục bản sao lưu gần nhất, hoặc ghi danh lại bàn với cổng vào một tệp mới (motcua enrol) để tải lại hồ sơ từ cổng; giữ tệp hỏng cho bộ phận kỹ thuật.</source>
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
<context>
    <name>options</name>
    <message>
        <source>Số điện thoại của bộ phận</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In trên giấy tờ (Mẫu 02 ghi: liên hệ theo số điện thoại này để được hướng dẫn).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Địa chỉ của bộ phận</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In trên giấy tờ; để trống thì in địa chỉ của cơ quan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Địa danh ở dòng ngày tháng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ví dụ “Tam Đường”; để trống: lấy từ địa chỉ cơ quan (xã, phường hoặc tỉnh).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Người ký văn bản xin lỗi, hẹn lại</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Họ và tên người đứng đầu ký văn bản xin lỗi và hẹn lại ngày trả kết quả.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy in phiếu khổ A5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Giấy tiếp nhận, phiếu bổ sung, từ chối, xin lỗi, kiểm soát; để trống: máy in mặc định.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy in biên lai</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Biên lai thu phí, lệ phí; để trống: máy in mặc định.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy in sổ và biên bản khổ A4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sổ theo dõi hồ sơ, biên bản bàn giao ca; để trống: máy in mặc định.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ngôn ngữ giao diện</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Áp dụng từ lần mở bàn sau.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cỡ chữ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cỡ chữ của cửa sổ, theo điểm; áp dụng từ lần mở bàn sau.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tự khoá sau</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số phút không gõ phím, không bấm chuột trước khi bàn tự khoá.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sao lưu hằng ngày lúc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Giờ sao lưu cơ sở dữ liệu mỗi ngày, dạng HH:MM; để trống: không sao lưu tự động.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lưu bản quét của hồ sơ đã trả kết quả (tháng)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quá số tháng này kể từ khi trả kết quả, bản quét đã có trên cổng được xoá khỏi máy (motcua scans purge); 0: giữ mãi.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Địa chỉ cổng dịch vụ công</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ví dụ https://dichvucong.laichau.gov.vn; đặt khi ghi danh bàn, đổi khi cổng chuyển máy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chứng chỉ gốc (CA) của tỉnh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tệp .pem để xác minh cổng https của tỉnh; để trống: các tổ chức chứng thực công cộng.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
