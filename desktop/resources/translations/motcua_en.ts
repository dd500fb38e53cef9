<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi">
<context>
    <name></name>
    <message>
        <source>chưa bao giờ</source>
        <translation>never</translation>
    </message>
    <message>
        <source>vừa xong</source>
        <translation>just now</translation>
    </message>
    <message>
        <source>{minutes} phút trước</source>
        <translation>{minutes} min ago</translation>
    </message>
</context>
<context>
    <name>AccountPage</name>
    <message>
        <source>Tài khoản quản trị</source>
        <translation>Administrator account</translation>
    </message>
    <message>
        <source>Tạo tài khoản quản trị hệ thống của bạn trên bàn này.</source>
        <translation>Create your system administrator account on this desk.</translation>
    </message>
    <message>
        <source>Họ và tên</source>
        <translation>Full name</translation>
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
        <source>Nhập lại mật khẩu</source>
        <translation>Password again</translation>
    </message>
    <message>
        <source>Mật khẩu có ít nhất 8 ký tự. Tên đăng nhập gồm chữ không dấu, số, dấu chấm hoặc gạch dưới.</source>
        <translation>A password has at least 8 characters. A user name has letters without diacritics, digits, dots or underscores.</translation>
    </message>
    <message>
        <source>Hai lần nhập mật khẩu không khớp.</source>
        <translation>The two passwords do not match.</translation>
    </message>
</context>
<context>
    <name>BatchPrintDialog</name>
    <message>
        <source>Đang in…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <source>Huỷ</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>In hàng loạt</source>
        <translation>Batch printing</translation>
    </message>
    <message>
        <source>Đã in {done}/{total} giấy tờ…</source>
        <translation>Printed {done} of {total} documents…</translation>
    </message>
    <message>
        <source>Đã in xong {pages} trang.</source>
        <translation>Printing finished: {pages} page(s).</translation>
    </message>
</context>
<context>
    <name>ChecksModel</name>
    <message>
        <source>STT</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Giấy tờ</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Loại</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Bản quét</source>
        <translation>Scan</translation>
    </message>
    <message>
        <source>Kết quả kiểm tra</source>
        <translation>Check result</translation>
    </message>
    <message>
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Không đính kèm</source>
        <translation>Not attached</translation>
    </message>
    <message>
        <source>Chưa tải về</source>
        <translation>Not downloaded yet</translation>
    </message>
</context>
<context>
    <name>ChoicePage</name>
    <message>
        <source>Chào mừng đến MotCua Desk</source>
        <translation>Welcome to MotCua Desk</translation>
    </message>
    <message>
        <source>Bàn làm việc này chưa có dữ liệu. Hãy chọn cách bắt đầu.</source>
        <translation>This desk has no data yet. Choose how to begin.</translation>
    </message>
    <message>
        <source>Kết nối với cổng dịch vụ công của tỉnh</source>
        <translation>Connect to the province&apos;s public-service portal</translation>
    </message>
    <message>
        <source>Dùng dữ liệu mẫu để làm quen</source>
        <translation>Use sample data to learn</translation>
    </message>
    <message>
        <source>Cần địa chỉ cổng và mã ghi danh một lần do quản trị cổng cấp (lệnh motcua portal enrol-desk). Hồ sơ, danh mục thủ tục và tài khoản cán bộ được tải từ cổng.</source>
        <translation>Needs the portal&apos;s address and a one-time enrolment code from the portal&apos;s administrator (motcua portal enrol-desk). Dossiers, the procedure catalogue and officer accounts are loaded from the portal.</translation>
    </message>
    <message>
        <source>Một cơ quan mẫu với hồ sơ mẫu, để tập các thao tác; không gửi gì lên cổng. Khi dùng thật, hãy cài lại bàn vào một tệp mới và kết nối với cổng.</source>
        <translation>A sample office with sample dossiers, to practise on; nothing is sent to the portal. For real work, set the desk up again in a new file and connect it to the portal.</translation>
    </message>
</context>
<context>
    <name>ConflictsModel</name>
    <message>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>Thao tác của bàn</source>
        <translation>Desk&apos;s action</translation>
    </message>
    <message>
        <source>Lúc</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Cổng trả lời</source>
        <translation>Portal&apos;s reply</translation>
    </message>
</context>
<context>
    <name>ConflictsPanel</name>
    <message>
        <source>Trạng thái trên cổng: &lt;b&gt;{state}&lt;/b&gt; (phiên bản {version})</source>
        <translation>State on the portal: &lt;b&gt;{state}&lt;/b&gt; (version {version})</translation>
    </message>
    <message>
        <source>công dân (trực tuyến)</source>
        <translation>citizen (online)</translation>
    </message>
    <message>
        <source> — lý do: {reason}</source>
        <translation> — reason: {reason}</translation>
    </message>
    <message>
        <source>Nhận phiên bản của cổng (Ctrl+Enter)</source>
        <translation>Accept the portal&apos;s version (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Bên bàn này</source>
        <translation>This desk</translation>
    </message>
    <message>
        <source>Bên cổng dịch vụ công</source>
        <translation>Public service portal</translation>
    </message>
    <message>
        <source>Cổng đã không nhận thao tác của bàn vì hồ sơ đã thay đổi trên cổng. Nhận phiên bản của cổng: thao tác của bàn vẫn được giữ trong lịch sử, hồ sơ được cập nhật theo cổng ở lần đồng bộ sau.</source>
        <translation>The portal did not accept this desk&apos;s action because the dossier had changed on the portal. Accepting the portal&apos;s version keeps the desk&apos;s action in the history; the dossier is updated from the portal at the next sync.</translation>
    </message>
    <message>
        <source>Không có xung đột nào chờ giải quyết.</source>
        <translation>No conflicts waiting to be resolved.</translation>
    </message>
    <message>
        <source>Hồ sơ &lt;b&gt;{code}&lt;/b&gt; — {applicant}&lt;br&gt;Thao tác: &lt;b&gt;{act}&lt;/b&gt; → {to_state}&lt;br&gt;Cán bộ: {officer}, lúc {at}&lt;br&gt;Lý do: {reason}&lt;br&gt;Trạng thái tại bàn: {state}&lt;br&gt;Cổng trả lời: {message}</source>
        <translation>Dossier &lt;b&gt;{code}&lt;/b&gt; — {applicant}&lt;br&gt;Act: &lt;b&gt;{act}&lt;/b&gt; → {to_state}&lt;br&gt;Officer: {officer}, at {at}&lt;br&gt;Reason: {reason}&lt;br&gt;State at this desk: {state}&lt;br&gt;Portal&apos;s answer: {message}</translation>
    </message>
    <message>
        <source>Đang hỏi cổng…</source>
        <translation>Asking the portal…</translation>
    </message>
    <message>
        <source>Không hỏi được cổng lúc này ({error}). Cổng đã trả lời: {message}</source>
        <translation>Cannot ask the portal right now ({error}). The portal replied: {message}</translation>
    </message>
    <message>
        <source>Đã nhận phiên bản của cổng cho hồ sơ {code}.</source>
        <translation>Accepted the portal&apos;s version of dossier {code}.</translation>
    </message>
</context>
<context>
    <name>DeadlinesModel</name>
    <message>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>Phòng đang giữ</source>
        <translation>Held by</translation>
    </message>
    <message>
        <source>Hạn bước</source>
        <translation>Step due</translation>
    </message>
    <message>
        <source>Hạn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Còn (ngày làm việc)</source>
        <translation>Left (working days)</translation>
    </message>
    <message>
        <source>Tình trạng</source>
        <translation>Standing</translation>
    </message>
    <message>
        <source>Hạn trả khi tiếp nhận (tính trễ hạn theo hạn này); đã xin lỗi và hẹn lại {new}.</source>
        <translation>Due date given at acceptance (lateness counts from it); apologised with a new date {new}.</translation>
    </message>
    <message>
        <source>{due} (hẹn lại {new})</source>
        <translation>{due} (new date {new})</translation>
    </message>
    <message>
        <source>{standing} (hẹn lại {new})</source>
        <translation>{standing} (new date {new})</translation>
    </message>
</context>
<context>
    <name>DeadlinesPanel</name>
    <message>
        <source>Mọi phòng</source>
        <translation>All departments</translation>
    </message>
    <message>
        <source>Mọi tình trạng</source>
        <translation>Any standing</translation>
    </message>
    <message>
        <source>Làm mới (F7)</source>
        <translation>Refresh (F7)</translation>
    </message>
    <message>
        <source>Phòng:</source>
        <translation>Department:</translation>
    </message>
    <message>
        <source>Tình trạng:</source>
        <translation>Standing:</translation>
    </message>
    <message>
        <source>&lt;b&gt;Theo phòng&lt;/b&gt;</source>
        <translation>&lt;b&gt;By department&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#b3261e&apos;&gt;&lt;b&gt;Phiên chưa kiểm tra hồ sơ trực tuyến trên cổng ({days} ngày qua, Đ12.8):&lt;/b&gt;&lt;/span&gt; {sessions}</source>
        <translation>&lt;span style=&apos;color:#b3261e&apos;&gt;&lt;b&gt;Sessions in which nobody checked the portal for online dossiers (last {days} days, Art. 12.8):&lt;/b&gt;&lt;/span&gt; {sessions}</translation>
    </message>
    <message>
        <source>Mọi phiên làm việc trong {days} ngày qua đều đã kiểm tra hồ sơ trực tuyến trên cổng (Đ12.8).</source>
        <translation>Every working session of the last {days} days checked the portal for online dossiers (Art. 12.8).</translation>
    </message>
    <message>
        <source>Ý kiến đánh giá của công dân {days} ngày qua (Đ11.5): {counts} · khiếu nại, phản ánh chưa giải quyết (Đ16): &lt;b&gt;{open}&lt;/b&gt;</source>
        <translation>Citizens&apos; ratings over the last {days} days (Đ11.5): {counts} · complaints and reflections not yet resolved (Đ16): &lt;b&gt;{open}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>{n} / {total} hồ sơ đang giải quyết</source>
        <translation>{n} / {total} dossiers being processed</translation>
    </message>
</context>
<context>
    <name>DemoPage</name>
    <message>
        <source>Dữ liệu mẫu</source>
        <translation>Sample data</translation>
    </message>
    <message>
        <source>Tạo một bàn mẫu để làm quen với MotCua Desk.</source>
        <translation>Create a sample desk to learn MotCua Desk.</translation>
    </message>
    <message>
        <source>Bấm Tiếp theo để tạo Trung tâm Phục vụ hành chính công mẫu với hồ sơ mẫu ở mọi bước xử lý. Việc này mất khoảng nửa phút. Tài khoản mẫu (quantri, lanhdao, canbo1, canbo2) có mật khẩu là tên đăng nhập thêm “-demo”.</source>
        <translation>Click Next to create a sample public administration service centre with sample dossiers at every step. This takes about half a minute. The sample accounts (quantri, lanhdao, canbo1, canbo2) have the user name followed by “-demo” as their password.</translation>
    </message>
    <message>
        <source>Đang tạo dữ liệu mẫu…</source>
        <translation>Creating sample data…</translation>
    </message>
    <message>
        <source>Đã tạo dữ liệu mẫu.</source>
        <translation>Sample data created.</translation>
    </message>
</context>
<context>
    <name>DeskMenus</name>
    <message>
        <source>Giấy tờ đủ, hợp lệ</source>
        <translation>Paper present and valid</translation>
    </message>
    <message>
        <source>Giấy tờ còn thiếu</source>
        <translation>Paper missing</translation>
    </message>
    <message>
        <source>Giấy tờ sai (ghi chú lý do)</source>
        <translation>Paper wrong (note the reason)</translation>
    </message>
    <message>
        <source>Hồ sơ</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Xem</source>
        <translation>View</translation>
    </message>
    <message>
        <source>Đồng bộ</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Hệ thống</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Trợ giúp</source>
        <translation>Help</translation>
    </message>
    <message>
        <source>Tìm hồ sơ</source>
        <translation>Find dossier</translation>
    </message>
    <message>
        <source>Bàn giao hồ sơ</source>
        <translation>Hand over dossiers</translation>
    </message>
    <message>
        <source>Xuất ra Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>Về hàng đợi</source>
        <translation>Back to queue</translation>
    </message>
    <message>
        <source>Theo dõi hạn</source>
        <translation>Deadlines</translation>
    </message>
    <message>
        <source>Đóng thẻ hồ sơ</source>
        <translation>Close dossier tab</translation>
    </message>
    <message>
        <source>Hàng đợi theo thứ tự mặc định (bỏ sắp xếp)</source>
        <translation>Queue in its default order (unsorted)</translation>
    </message>
    <message>
        <source>Báo cáo định kỳ…</source>
        <translation>Periodic reports…</translation>
    </message>
    <message>
        <source>Bản quét</source>
        <translation>Scan</translation>
    </message>
    <message>
        <source>Trang trước</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <source>Trang sau</source>
        <translation>Next page</translation>
    </message>
    <message>
        <source>Phóng to</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>Thu nhỏ</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>Xoay 90°</source>
        <translation>Rotate 90°</translation>
    </message>
    <message>
        <source>Đồng bộ ngay</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Xung đột đồng bộ</source>
        <translation>Sync conflicts</translation>
    </message>
    <message>
        <source>Khoá bàn</source>
        <translation>Lock desk</translation>
    </message>
    <message>
        <source>Ngôn ngữ</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Cài đặt…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <source>Phím tắt</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Thanh công cụ</source>
        <translation>Toolbar</translation>
    </message>
</context>
<context>
    <name>DossierView</name>
    <message>
        <source>Đang tải hồ sơ…</source>
        <translation>Loading dossier…</translation>
    </message>
    <message>
        <source>Tiếp nhận (F2)</source>
        <translation>Accept (F2)</translation>
    </message>
    <message>
        <source>Yêu cầu bổ sung (F3)</source>
        <translation>Request supplement (F3)</translation>
    </message>
    <message>
        <source>Từ chối (F4)</source>
        <translation>Refuse (F4)</translation>
    </message>
    <message>
        <source>Đã bổ sung (F6)</source>
        <translation>Supplemented (F6)</translation>
    </message>
    <message>
        <source>Đối chiếu và trả kết quả (F9)</source>
        <translation>Check originals and hand over (F9)</translation>
    </message>
    <message>
        <source>Có kết quả (F11)</source>
        <translation>Result (F11)</translation>
    </message>
    <message>
        <source>Không giải quyết (F12)</source>
        <translation>Deny (F12)</translation>
    </message>
    <message>
        <source>Chuyển tiếp (Ctrl+Shift+T)</source>
        <translation>Hand on (Ctrl+Shift+T)</translation>
    </message>
    <message>
        <source>Xin ý kiến (Ctrl+Shift+Y)</source>
        <translation>Consult (Ctrl+Shift+Y)</translation>
    </message>
    <message>
        <source>Nghĩa vụ tài chính (Ctrl+Shift+N)</source>
        <translation>Financial obligation (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <source>Đã nộp nghĩa vụ tài chính (Ctrl+Shift+X)</source>
        <translation>Obligation paid (Ctrl+Shift+X)</translation>
    </message>
    <message>
        <source>Xin lỗi, hẹn lại (Ctrl+Shift+H)</source>
        <translation>Apologise, new date (Ctrl+Shift+H)</translation>
    </message>
    <message>
        <source>Nhận qua bưu chính (Ctrl+Shift+B)</source>
        <translation>Received by post (Ctrl+Shift+B)</translation>
    </message>
    <message>
        <source>Gửi kết quả qua bưu chính (Ctrl+Shift+G)</source>
        <translation>Post the result (Ctrl+Shift+G)</translation>
    </message>
    <message>
        <source>Trả kết quả trực tuyến (Ctrl+Shift+O)</source>
        <translation>Return the result online (Ctrl+Shift+O)</translation>
    </message>
    <message>
        <source>Rút hồ sơ (Ctrl+Shift+R)</source>
        <translation>Withdraw (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <source>Dừng xử lý (Ctrl+Shift+D)</source>
        <translation>Stop (Ctrl+Shift+D)</translation>
    </message>
    <message>
        <source>Khiếu nại, phản ánh (Ctrl+Shift+K)</source>
        <translation>Complaint (Ctrl+Shift+K)</translation>
    </message>
    <message>
        <source>Giải quyết khiếu nại (Ctrl+Shift+Q)</source>
        <translation>Resolve complaint (Ctrl+Shift+Q)</translation>
    </message>
    <message>
        <source>Ý kiến đánh giá (Ctrl+Shift+E)</source>
        <translation>Citizen&apos;s rating (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <source>In lại giấy tờ (Ctrl+P)</source>
        <translation>Print again (Ctrl+P)</translation>
    </message>
    <message>
        <source>Kiểm tra từng giấy tờ — phím 1: đủ, hợp lệ · 2: thiếu · 3: sai (ghi chú lý do)</source>
        <translation>Check each document — key 1: complete and valid · 2: missing · 3: wrong (note the reason)</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;font-size:14pt&apos;&gt;{code}&lt;/b&gt; — &lt;b&gt;{state}&lt;/b&gt; · Mức độ {level} · {channel}&lt;br&gt;&lt;b&gt;{name}&lt;/b&gt; · CCCD {id} · ĐT {phone} · {email}&lt;br&gt;{address}&lt;br&gt;Thủ tục: &lt;b&gt;{procedure}&lt;/b&gt; ({sector}) · {time} · {department}&lt;br&gt;Nộp lúc {submitted}</source>
        <translation>&lt;b style=&apos;font-size:14pt&apos;&gt;{code}&lt;/b&gt; — &lt;b&gt;{state}&lt;/b&gt; · Level {level} · {channel}&lt;br&gt;&lt;b&gt;{name}&lt;/b&gt; · ID card {id} · Tel. {phone} · {email}&lt;br&gt;{address}&lt;br&gt;Procedure: &lt;b&gt;{procedure}&lt;/b&gt; ({sector}) · {time} · {department}&lt;br&gt;Submitted {submitted}</translation>
    </message>
    <message>
        <source>Chưa có ngày hẹn trả (hồ sơ chưa được tiếp nhận).</source>
        <translation>No appointment date yet (the dossier has not been accepted).</translation>
    </message>
    <message>
        <source>Hẹn trả: {due}</source>
        <translation>Appointment: {due}</translation>
    </message>
    <message>
        <source>Hẹn trả khi tiếp nhận: {due}; hẹn lại: {new}</source>
        <translation>Due date at acceptance: {due}; new date: {new}</translation>
    </message>
    <message>
        <source> — &lt;b style=&apos;color:#b3261e&apos;&gt;trễ hạn {n} ngày làm việc&lt;/b&gt;</source>
        <translation> — &lt;b style=&apos;color:#b3261e&apos;&gt;late by {n} working days&lt;/b&gt;</translation>
    </message>
    <message>
        <source> — hạn hôm nay, còn {h} giờ {m} phút làm việc</source>
        <translation> — due today, {h} h {m} min of office time left</translation>
    </message>
    <message>
        <source> — còn {n} ngày làm việc</source>
        <translation> — {n} working days left</translation>
    </message>
    <message>
        <source>Không kiểm tra được chữ ký số: {error}</source>
        <translation>Could not check the digital signatures: {error}</translation>
    </message>
    <message>
        <source>{n}. {name}: công dân không đính kèm bản quét.</source>
        <translation>{n}. {name}: the citizen attached no scan.</translation>
    </message>
    <message>
        <source>Tiếp nhận hồ sơ</source>
        <translation>Accept dossier</translation>
    </message>
    <message>
        <source>Yêu cầu bổ sung, hoàn thiện hồ sơ</source>
        <translation>Request a supplement to the dossier</translation>
    </message>
    <message>
        <source>Lý do yêu cầu bổ sung</source>
        <translation>Reason for the supplement request</translation>
    </message>
    <message>
        <source>Từ chối tiếp nhận hồ sơ</source>
        <translation>Refuse dossier</translation>
    </message>
    <message>
        <source>Lý do từ chối (bắt buộc)</source>
        <translation>Reason for refusal (required)</translation>
    </message>
    <message>
        <source>Yêu cầu bổ sung khi đang giải quyết</source>
        <translation>Request a supplement during processing</translation>
    </message>
    <message>
        <source>Hồ sơ tiếp tục được giải quyết; ngày hẹn trả kết quả lùi thêm thời gian đã chờ bổ sung.</source>
        <translation>Processing resumes; the appointment moves later by the time spent waiting for the supplement.</translation>
    </message>
    <message>
        <source>Hồ sơ được đưa lại hàng đợi để kiểm tra.</source>
        <translation>The dossier returns to the queue to be checked.</translation>
    </message>
    <message>
        <source>Ghi nhận công dân đã bổ sung</source>
        <translation>Record the citizen&apos;s supplement</translation>
    </message>
    <message>
        <source>Ghi chú: {note}</source>
        <translation>Note: {note}</translation>
    </message>
    <message>
        <source>Giấy tờ đã nhận bổ sung</source>
        <translation>Documents received as supplement</translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <source>Không kết nối được cổng dịch vụ công ({problem}). Hãy kiểm tra địa chỉ cổng và kết nối mạng rồi bấm Tiếp theo để thử lại; hoặc quay lại chọn dữ liệu mẫu.</source>
        <translation>Cannot connect to the public-service portal ({problem}). Check the portal address and the network, then click Next to try again; or go back and choose sample data.</translation>
    </message>
    <message>
        <source>Cổng dịch vụ công không nhận mã ghi danh ({detail}). Mã chỉ dùng được một lần và có hạn: hãy xin quản trị cổng một mã mới.</source>
        <translation>The public-service portal did not accept the enrolment code ({detail}). A code works once and expires: ask the portal&apos;s administrator for a new one.</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>MotCua Desk — Bắt đầu</source>
        <translation>MotCua Desk — Getting started</translation>
    </message>
    <message>
        <source>Tiếp theo &gt;</source>
        <translation>Next &gt;</translation>
    </message>
    <message>
        <source>&lt; Quay lại</source>
        <translation>&lt; Back</translation>
    </message>
    <message>
        <source>Huỷ</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Hoàn tất</source>
        <translation>Finish</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Công dân sẽ nhận được thông báo:</source>
        <translation>The citizen will receive this notice:</translation>
    </message>
    <message>
        <source>Xác nhận (Ctrl+Enter)</source>
        <translation>Confirm (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Quay lại (Esc)</source>
        <translation>Back (Esc)</translation>
    </message>
    <message>
        <source>Chọn tệp…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>(Điền đủ các ô để xem nội dung thông báo.)</source>
        <translation>(Fill in every field to see the notice.)</translation>
    </message>
</context>
<context>
    <name>FormModel</name>
    <message>
        <source>Mục</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Tổng số nhận</source>
        <translation>Received, total</translation>
    </message>
    <message>
        <source>Trực tuyến</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Trực tiếp, bưu chính</source>
        <translation>In person, by post</translation>
    </message>
    <message>
        <source>Từ kỳ trước</source>
        <translation>Carried over</translation>
    </message>
    <message>
        <source>Đã giải quyết</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>Trước hạn</source>
        <translation>Early</translation>
    </message>
    <message>
        <source>Đúng hạn</source>
        <translation>On time</translation>
    </message>
    <message>
        <source>Quá hạn</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Đang giải quyết</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Trong hạn</source>
        <translation>Within time</translation>
    </message>
    <message>
        <source>Quá hạn (đang giải quyết)</source>
        <translation>Overdue (being resolved)</translation>
    </message>
    <message>
        <source>Tổng cộng</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>Forms</name>
    <message>
        <source>Công dân rút hồ sơ: cơ quan không thực hiện dịch vụ (Đ10.3).</source>
        <translation>The citizen withdrew the dossier: the office did not perform the service (Art. 10.3).</translation>
    </message>
    <message>
        <source>Hồ sơ dừng xử lý: cơ quan không thực hiện dịch vụ (Đ10.3).</source>
        <translation>Processing was stopped: the office did not perform the service (Art. 10.3).</translation>
    </message>
    <message>
        <source>Hồ sơ không được giải quyết: cơ quan không thực hiện dịch vụ (Đ10.3).</source>
        <translation>The dossier was denied: the office did not perform the service (Art. 10.3).</translation>
    </message>
    <message>
        <source>Chuyển tiếp phòng chuyên môn</source>
        <translation>Hand on to another department</translation>
    </message>
    <message>
        <source>Phòng đang giữ hồ sơ chuyển tiếp cho phòng khác: bước của phòng này kết thúc và được ghi trước hạn, đúng hạn hoặc trễ hạn.</source>
        <translation>The department holding the dossier hands it on to another: its own step ends and is recorded as early, on time or late.</translation>
    </message>
    <message>
        <source>Phòng nhận tiếp</source>
        <translation>Receiving department</translation>
    </message>
    <message>
        <source>Người nhận</source>
        <translation>Receiver</translation>
    </message>
    <message>
        <source>Thời gian giao (ngày làm việc)</source>
        <translation>Time allotted (working days)</translation>
    </message>
    <message>
        <source>Theo hạn của hồ sơ</source>
        <translation>The dossier&apos;s own due date</translation>
    </message>
    <message>
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Xin ý kiến phối hợp</source>
        <translation>Consult other departments</translation>
    </message>
    <message>
        <source>Ghi vào lịch sử hồ sơ; thời hạn của bước vẫn tiếp tục.</source>
        <translation>Recorded in the dossier&apos;s history; the step&apos;s time keeps running.</translation>
    </message>
    <message>
        <source>Cơ quan, phòng được hỏi (cách nhau bởi dấu phẩy)</source>
        <translation>Offices or departments asked (comma-separated)</translation>
    </message>
    <message>
        <source>Nội dung xin ý kiến</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>Yêu cầu thực hiện nghĩa vụ tài chính</source>
        <translation>Request the financial obligation</translation>
    </message>
    <message>
        <source>Thời hạn giải quyết tạm dừng đến khi công dân nộp xong; ngày hẹn trả lùi tương ứng.</source>
        <translation>The processing time stands still until the citizen has paid; the appointment moves later accordingly.</translation>
    </message>
    <message>
        <source>Nội dung nghĩa vụ tài chính</source>
        <translation>Financial obligation</translation>
    </message>
    <message>
        <source>Số tiền</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Xác nhận đã nộp nghĩa vụ tài chính</source>
        <translation>Confirm the financial obligation is paid</translation>
    </message>
    <message>
        <source>Thời hạn giải quyết tiếp tục; ngày hẹn trả lùi thêm thời gian đã chờ.</source>
        <translation>Processing time runs again; the appointment moves later by the time spent waiting.</translation>
    </message>
    <message>
        <source>Số chứng từ nộp tiền</source>
        <translation>Payment document number</translation>
    </message>
    <message>
        <source>Không đọc được tệp {path}: {error}</source>
        <translation>Cannot read the file {path}: {error}</translation>
    </message>
    <message>
        <source>Ghi nhận có kết quả</source>
        <translation>Record the result</translation>
    </message>
    <message>
        <source>Hồ sơ chuyển sang chờ trả kết quả cho công dân.</source>
        <translation>The dossier then waits for its result to be returned to the citizen.</translation>
    </message>
    <message>
        <source>Số văn bản kết quả</source>
        <translation>Result document number</translation>
    </message>
    <message>
        <source>Bản quét kết quả (không bắt buộc)</source>
        <translation>Scan of the result (optional)</translation>
    </message>
    <message>
        <source>Chọn bản quét văn bản kết quả</source>
        <translation>Choose the scan of the result document</translation>
    </message>
    <message>
        <source>PDF hoặc ảnh (*.pdf *.png *.jpg *.jpeg)</source>
        <translation>PDF or image (*.pdf *.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>Không giải quyết, nêu lý do</source>
        <translation>Deny, with the reason</translation>
    </message>
    <message>
        <source>Lý do không giải quyết</source>
        <translation>Reason for denial</translation>
    </message>
    <message>
        <source>Số văn bản trả lời</source>
        <translation>Reply document number</translation>
    </message>
    <message>
        <source>Lãnh đạo ký văn bản</source>
        <translation>Leader who signs it</translation>
    </message>
    <message>
        <source>Ngày hẹn mới {day} không phải ngày làm việc.</source>
        <translation>The new date {day} is not a working day.</translation>
    </message>
    <message>
        <source>Xin lỗi và hẹn lại ngày trả kết quả</source>
        <translation>Apologise and set a new return date</translation>
    </message>
    <message>
        <source>Hẹn trả hiện tại: {due}</source>
        <translation>Current appointment: {due}</translation>
    </message>
    <message>
        <source>Ngày hẹn mới</source>
        <translation>New date</translation>
    </message>
    <message>
        <source>Lý do trễ hạn</source>
        <translation>Reason for the delay</translation>
    </message>
    <message>
        <source>Nhận bản chính, phí qua bưu chính</source>
        <translation>Originals and fees received by post</translation>
    </message>
    <message>
        <source>Số hiệu bưu gửi nhận được</source>
        <translation>Postal item number received</translation>
    </message>
    <message>
        <source>Cước gửi trả kết quả đã nhận</source>
        <translation>Return postage received</translation>
    </message>
    <message>
        <source>Chỉ gửi khi bản chính từng giấy tờ đã nhận qua bưu chính và khớp, đã nộp đủ phí, lệ phí và cước gửi trả kết quả.</source>
        <translation>Post only when every paper&apos;s original has arrived by post and matches, and the fees, charges and return postage are paid.</translation>
    </message>
    <message>
        <source>Trả kết quả trực tuyến</source>
        <translation>Return the result online</translation>
    </message>
    <message>
        <source>Mức độ 4: văn bản kết quả (hoặc văn bản trả lời) đã ký số được tải lên Cổng dịch vụ công ở lần đồng bộ tới; công dân nhận thông báo và tải văn bản về.</source>
        <translation>Level 4: the digitally signed result (or reply) is uploaded to the public service portal at the next sync; the citizen is notified and downloads it.</translation>
    </message>
    <message>
        <source>Gửi kết quả qua bưu chính</source>
        <translation>Post the result</translation>
    </message>
    <message>
        <source>Khớp bản điện tử</source>
        <translation>Matches the electronic copy</translation>
    </message>
    <message>
        <source>Khác bản điện tử</source>
        <translation>Differs from the electronic copy</translation>
    </message>
    <message>
        <source>Không có trong bưu gửi</source>
        <translation>Not in the envelope</translation>
    </message>
    <message>
        <source>Bản chính: </source>
        <translation>Original: </translation>
    </message>
    <message>
        <source>Khác ở đâu (nếu khác)</source>
        <translation>How it differs (if it does)</translation>
    </message>
    <message>
        <source>Số hiệu bưu gửi</source>
        <translation>Postal tracking number</translation>
    </message>
    <message>
        <source>Lãnh đạo cho phép (nếu bản chính chưa khớp)</source>
        <translation>Supervisor allowing it (if an original does not match)</translation>
    </message>
    <message>
        <source>Mật khẩu lãnh đạo</source>
        <translation>Supervisor&apos;s password</translation>
    </message>
    <message>
        <source>Lý do cho phép</source>
        <translation>Reason for allowing it</translation>
    </message>
    <message>
        <source>Công dân rút hồ sơ</source>
        <translation>Citizen withdraws the dossier</translation>
    </message>
    <message>
        <source>Hồ sơ kết thúc, không giải quyết tiếp. Phí, lệ phí đã nộp được hoàn trả ở bước sau.</source>
        <translation>The dossier ends here, without further processing. Fees paid are refunded in the next step.</translation>
    </message>
    <message>
        <source>Lý do rút hồ sơ</source>
        <translation>Reason for the withdrawal</translation>
    </message>
    <message>
        <source>Dừng xử lý hồ sơ</source>
        <translation>Stop processing the dossier</translation>
    </message>
    <message>
        <source>Lý do dừng xử lý</source>
        <translation>Reason for stopping</translation>
    </message>
    <message>
        <source>- {amount} đồng, {method}, ngày {day}</source>
        <translation>- {amount} đồng, {method}, on {day}</translation>
    </message>
    <message>
        <source>Hồ sơ đã nộp {total} đồng:</source>
        <translation>Paid for this dossier: {total} đồng:</translation>
    </message>
    <message>
        <source>Hoàn trả phí, lệ phí</source>
        <translation>Refund fees</translation>
    </message>
    <message>
        <source>Hoàn trả (Ctrl+Enter)</source>
        <translation>Refund (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Lý do hoàn trả</source>
        <translation>Reason for the refund</translation>
    </message>
    <message>
        <source>Ghi nhận khiếu nại, phản ánh</source>
        <translation>Record a complaint</translation>
    </message>
    <message>
        <source>Loại</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Nội dung</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>Kênh tiếp nhận</source>
        <translation>Received by</translation>
    </message>
    <message>
        <source>Giải quyết khiếu nại, phản ánh</source>
        <translation>Resolve a complaint</translation>
    </message>
    <message>
        <source>Khiếu nại, phản ánh</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <source>Kết quả giải quyết</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <source>Ghi nhận ý kiến đánh giá</source>
        <translation>Record the citizen&apos;s rating</translation>
    </message>
    <message>
        <source>Mức đánh giá</source>
        <translation>Rating</translation>
    </message>
    <message>
        <source>Ý kiến của công dân</source>
        <translation>Citizen&apos;s comment</translation>
    </message>
</context>
<context>
    <name>HandoverBatchDialog</name>
    <message>
        <source>Bàn giao hồ sơ cho phòng chuyên môn</source>
        <translation>Hand dossiers over to a department</translation>
    </message>
    <message>
        <source>Hồ sơ đã tiếp nhận, chờ bàn giao. Space: chọn / bỏ hồ sơ đang đứng · Ctrl+A: chọn tất cả · Ctrl+Enter: bàn giao · Ctrl+P: in phiếu bàn giao (Mẫu 05).</source>
        <translation>Accepted dossiers waiting to be handed over. Space: check / uncheck the selected dossier · Ctrl+A: check all · Ctrl+Enter: hand over · Ctrl+P: print the handover slips (Form 05).</translation>
    </message>
    <message>
        <source>Họ tên, chức vụ người nhận của phòng</source>
        <translation>Name and position of the department&apos;s receiver</translation>
    </message>
    <message>
        <source>Theo hạn trả của từng hồ sơ</source>
        <translation>Each dossier&apos;s own due date</translation>
    </message>
    <message>
        <source> ngày làm việc</source>
        <translation> working days</translation>
    </message>
    <message>
        <source>Phòng chuyên môn nhận</source>
        <translation>Receiving department</translation>
    </message>
    <message>
        <source>Người nhận</source>
        <translation>Receiver</translation>
    </message>
    <message>
        <source>Thời gian giao cho phòng</source>
        <translation>Time allotted to the department</translation>
    </message>
    <message>
        <source>Bàn giao (Ctrl+Enter)</source>
        <translation>Hand over (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>In phiếu bàn giao (Ctrl+P)</source>
        <translation>Print handover slips (Ctrl+P)</translation>
    </message>
    <message>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <source>Không có hồ sơ nào chờ bàn giao.</source>
        <translation>No dossier is waiting to be handed over.</translation>
    </message>
    <message>
        <source>Đã chọn {n} / {total} hồ sơ</source>
        <translation>{n} / {total} dossiers checked</translation>
    </message>
    <message>
        <source>Bàn giao hồ sơ</source>
        <translation>Hand over dossiers</translation>
    </message>
    <message>
        <source>Đã bàn giao &lt;b&gt;{n}&lt;/b&gt; hồ sơ cho {department} ({receiver}). In phiếu bàn giao để hai bên ký: Ctrl+P.</source>
        <translation>Handed &lt;b&gt;{n}&lt;/b&gt; dossiers over to {department} ({receiver}). Print the handover slips for both sides to sign: Ctrl+P.</translation>
    </message>
</context>
<context>
    <name>HandoverModel</name>
    <message>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>Phòng chuyên môn</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>Hạn trả</source>
        <translation>Due</translation>
    </message>
</context>
<context>
    <name>LockPage</name>
    <message>
        <source>&lt;h2&gt;Bàn làm việc đã khoá&lt;/h2&gt;{name} — {office}</source>
        <translation>&lt;h2&gt;Desk locked&lt;/h2&gt;{name} — {office}</translation>
    </message>
    <message>
        <source>Mở khoá</source>
        <translation>Unlock</translation>
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
        <source>Chỉ cán bộ đang làm việc hoặc lãnh đạo bộ phận được mở khoá.</source>
        <translation>Only the officer at this desk or a supervisor can unlock it.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>MotCua Desk — Đăng nhập</source>
        <translation>MotCua Desk — Log in</translation>
    </message>
    <message>
        <source>Bộ phận tiếp nhận và trả kết quả</source>
        <translation>Reception and results desk</translation>
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
        <source>Hàng đợi</source>
        <translation>Queue</translation>
    </message>
    <message>
        <source>Đồng bộ (F5)</source>
        <translation>Sync (F5)</translation>
    </message>
    <message>
        <source>Đồng bộ không thành công: {m}</source>
        <translation>Sync failed: {m}</translation>
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
        <source>Mọi thủ tục</source>
        <translation>All procedures</translation>
    </message>
    <message>
        <source>Mọi lĩnh vực</source>
        <translation>All sectors</translation>
    </message>
    <message>
        <source>Tìm hồ sơ</source>
        <translation>Find dossier</translation>
    </message>
    <message>
        <source>Mở hồ sơ đang chọn</source>
        <translation>Open the selected dossier</translation>
    </message>
    <message>
        <source>Tiếp nhận</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>Yêu cầu bổ sung</source>
        <translation>Request supplement</translation>
    </message>
    <message>
        <source>Từ chối</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <source>Ghi nhận đã bổ sung</source>
        <translation>Record supplement</translation>
    </message>
    <message>
        <source>Đối chiếu bản chính và trả kết quả</source>
        <translation>Check originals and hand over</translation>
    </message>
    <message>
        <source>Bàn giao hồ sơ cho phòng chuyên môn (in Mẫu 05)</source>
        <translation>Hand dossiers over to a department (prints Form 05)</translation>
    </message>
    <message>
        <source>Ghi nhận có kết quả (số văn bản, bản quét)</source>
        <translation>Record the result (document number, scan)</translation>
    </message>
    <message>
        <source>Không giải quyết, nêu lý do (lãnh đạo ký)</source>
        <translation>Deny with the reason (signed by a leader)</translation>
    </message>
    <message>
        <source>Chuyển tiếp phòng chuyên môn khác</source>
        <translation>Hand on to another department</translation>
    </message>
    <message>
        <source>Xin ý kiến phối hợp</source>
        <translation>Consult other departments</translation>
    </message>
    <message>
        <source>Yêu cầu nghĩa vụ tài chính</source>
        <translation>Request the financial obligation</translation>
    </message>
    <message>
        <source>Xác nhận đã nộp nghĩa vụ tài chính</source>
        <translation>Confirm the financial obligation is paid</translation>
    </message>
    <message>
        <source>Xin lỗi, hẹn lại ngày trả (in Mẫu 04)</source>
        <translation>Apologise, new return date (prints Form 04)</translation>
    </message>
    <message>
        <source>Nhận bản chính, phí qua bưu chính</source>
        <translation>Originals and fees received by post</translation>
    </message>
    <message>
        <source>Gửi kết quả qua bưu chính</source>
        <translation>Post the result</translation>
    </message>
    <message>
        <source>Trả kết quả trực tuyến (mức độ 4, ký số)</source>
        <translation>Return the result online (level 4, digitally signed)</translation>
    </message>
    <message>
        <source>Công dân rút hồ sơ (hoàn trả phí)</source>
        <translation>Citizen withdraws the dossier (fees refunded)</translation>
    </message>
    <message>
        <source>Dừng xử lý (hoàn trả phí)</source>
        <translation>Stop processing (fees refunded)</translation>
    </message>
    <message>
        <source>Ghi nhận khiếu nại, phản ánh</source>
        <translation>Record a complaint</translation>
    </message>
    <message>
        <source>Giải quyết khiếu nại, phản ánh</source>
        <translation>Resolve a complaint</translation>
    </message>
    <message>
        <source>Ghi nhận ý kiến đánh giá</source>
        <translation>Record the citizen&apos;s rating</translation>
    </message>
    <message>
        <source>Đánh dấu giấy tờ</source>
        <translation>Mark document</translation>
    </message>
    <message>
        <source>Xác nhận</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>Đồng bộ ngay</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Theo dõi hạn giải quyết (theo phòng)</source>
        <translation>Deadlines (by department)</translation>
    </message>
    <message>
        <source>Xung đột đồng bộ</source>
        <translation>Sync conflicts</translation>
    </message>
    <message>
        <source>Về hàng đợi</source>
        <translation>Back to queue</translation>
    </message>
    <message>
        <source>Đóng thẻ hồ sơ</source>
        <translation>Close dossier tab</translation>
    </message>
    <message>
        <source>Khoá bàn</source>
        <translation>Lock desk</translation>
    </message>
    <message>
        <source>Trang bản quét</source>
        <translation>Scan pages</translation>
    </message>
    <message>
        <source>Phóng to / thu nhỏ</source>
        <translation>Zoom in / out</translation>
    </message>
    <message>
        <source>Xoay bản quét</source>
        <translation>Rotate scan</translation>
    </message>
    <message>
        <source>In lại giấy tờ của hồ sơ</source>
        <translation>Print a dossier&apos;s papers again</translation>
    </message>
    <message>
        <source>Danh sách phím tắt</source>
        <translation>List of shortcuts</translation>
    </message>
    <message>
        <source>Mọi hạn</source>
        <translation>Any due date</translation>
    </message>
    <message>
        <source>Quá hạn</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Đến hạn hôm nay</source>
        <translation>Due today</translation>
    </message>
    <message>
        <source>Hạn trong tuần</source>
        <translation>Due this week</translation>
    </message>
    <message>
        <source>Mọi kênh</source>
        <translation>All channels</translation>
    </message>
    <message>
        <source>Trực tuyến</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Trực tiếp</source>
        <translation>In person</translation>
    </message>
    <message>
        <source>Bưu chính</source>
        <translation>By post</translation>
    </message>
    <message>
        <source>Mọi mức độ</source>
        <translation>All levels</translation>
    </message>
    <message>
        <source>Mức độ 3</source>
        <translation>Level 3</translation>
    </message>
    <message>
        <source>Mức độ 4</source>
        <translation>Level 4</translation>
    </message>
    <message>
        <source> — tìm trong mọi hồ sơ, bộ lọc tạm bỏ (xoá ô tìm để trở lại bộ lọc)</source>
        <translation> — searched every dossier, filters set aside (clear the search to restore them)</translation>
    </message>
    <message>
        <source>Theo dõi hạn</source>
        <translation>Deadlines</translation>
    </message>
    <message>
        <source>Phím tắt</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Xuất ra Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <source>Đã xuất {n} hồ sơ ra {path}</source>
        <translation>Exported {n} dossiers to {path}</translation>
    </message>
    <message>
        <source>Mở báo cáo</source>
        <translation>Open the report</translation>
    </message>
    <message>
        <source>Xem theo dõi hạn</source>
        <translation>See the deadlines</translation>
    </message>
    <message>
        <source>In</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>In lại giấy tờ của hồ sơ…</source>
        <translation>Print a dossier&apos;s papers again…</translation>
    </message>
    <message>
        <source>Sổ theo dõi hồ sơ…</source>
        <translation>Dossier tracking book…</translation>
    </message>
    <message>
        <source>Bàn giao ca…</source>
        <translation>Shift handover…</translation>
    </message>
    <message>
        <source>In lại giấy tiếp nhận trong ngày…</source>
        <translation>Print the day&apos;s receipt slips again…</translation>
    </message>
    <message>
        <source>{n} hồ sơ</source>
        <translation>Dossiers: {n}</translation>
    </message>
    <message>
        <source>{n} hồ sơ khớp với “{text}”</source>
        <translation>Dossiers matching “{text}”: {n}</translation>
    </message>
    <message>
        <source>Hồ sơ</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Đang đồng bộ…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>Bàn chưa ghi danh với cổng: làm việc ngoại tuyến.</source>
        <translation>This desk is not enrolled with the portal: working offline.</translation>
    </message>
    <message>
        <source>Đồng bộ xong. {summary}</source>
        <translation>Sync complete. {summary}</translation>
    </message>
    <message>
        <source>Đầu {session}: đã kiểm tra hồ sơ trực tuyến trên cổng — &lt;b&gt;{n}&lt;/b&gt; hồ sơ mới chờ tiếp nhận.</source>
        <translation>Start of {session}: online dossiers checked on the portal — new dossiers awaiting acceptance: &lt;b&gt;{n}&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>Chọn một hồ sơ để in lại giấy tờ.</source>
        <translation>Select a dossier to print its papers again.</translation>
    </message>
    <message>
        <source>Đang chuẩn bị giấy tiếp nhận…</source>
        <translation>Preparing the receipt slips…</translation>
    </message>
    <message>
        <source>Ngày {day} không có hồ sơ nào được tiếp nhận.</source>
        <translation>No dossier was accepted on {day}.</translation>
    </message>
    <message>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <source>Đã chọn {language}: áp dụng từ lần mở bàn sau.</source>
        <translation>{language} selected: takes effect the next time the desk is opened.</translation>
    </message>
    <message>
        <source>Báo cáo định kỳ</source>
        <translation>Periodic reports</translation>
    </message>
</context>
<context>
    <name>NoticeDialog</name>
    <message>
        <source>Công dân sẽ nhận được thông báo:</source>
        <translation>The citizen will receive this notice:</translation>
    </message>
    <message>
        <source>Xác nhận (Ctrl+Enter)</source>
        <translation>Confirm (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Quay lại (Esc)</source>
        <translation>Back (Esc)</translation>
    </message>
    <message>
        <source>(Nhập lý do để xem nội dung thông báo.)</source>
        <translation>(Enter the reason to see the notice.)</translation>
    </message>
    <message>
        <source>Phải nhập lý do.</source>
        <translation>A reason is required.</translation>
    </message>
</context>
<context>
    <name>Operations</name>
    <message>
        <source>{label}: đang thực hiện…</source>
        <translation>{label}: in progress…</translation>
    </message>
    <message>
        <source>{label}: đã xong.</source>
        <translation>{label}: done.</translation>
    </message>
    <message>
        <source>{label}: chưa thực hiện được.</source>
        <translation>{label}: not done.</translation>
    </message>
</context>
<context>
    <name>OriginalsDialog</name>
    <message>
        <source>Đối chiếu bản chính và trả kết quả — {code}</source>
        <translation>Originals check and hand-over — {code}</translation>
    </message>
    <message>
        <source>Đặt bản chính công dân xuất trình cạnh bản điện tử. Phím 1: khớp · 2: khác (ghi rõ khác ở đâu) · 3: không xuất trình.</source>
        <translation>Compare each original the citizen presents with its electronic copy. Key 1: matches · 2: differs (note where) · 3: not presented.</translation>
    </message>
    <message>
        <source>Công dân đã ký vào tờ khai, phiếu nhận kết quả</source>
        <translation>The citizen signed the form and the result receipt</translation>
    </message>
    <message>
        <source>Thu phí, in biên lai (Ctrl+T)</source>
        <translation>Collect the fee, print the receipt (Ctrl+T)</translation>
    </message>
    <message>
        <source>Trả kết quả (Ctrl+Enter)</source>
        <translation>Hand over (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Lãnh đạo bộ phận cho phép trả kết quả</source>
        <translation>Supervisor allows the hand-over</translation>
    </message>
    <message>
        <source>Cho phép và trả kết quả</source>
        <translation>Allow and hand over</translation>
    </message>
    <message>
        <source>Tên đăng nhập lãnh đạo</source>
        <translation>Supervisor&apos;s user name</translation>
    </message>
    <message>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Lý do cho phép</source>
        <translation>Reason for allowing it</translation>
    </message>
    <message>
        <source>Người nhận kết quả</source>
        <translation>Result received by</translation>
    </message>
    <message>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <source>Phí, lệ phí còn phải thu: &lt;b&gt;{amount} đồng&lt;/b&gt;</source>
        <translation>Fees still to collect: &lt;b&gt;{amount} đồng&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Phí, lệ phí: đã nộp đủ.</source>
        <translation>Fees: paid in full.</translation>
    </message>
    <message>
        <source>Đã thu {amount} đồng — biên lai {receipt}.</source>
        <translation>Collected {amount} đồng — receipt {receipt}.</translation>
    </message>
</context>
<context>
    <name>PaperOffer</name>
    <message>
        <source>In giấy tờ</source>
        <translation>Print papers</translation>
    </message>
    <message>
        <source>Đang chuẩn bị giấy tờ…</source>
        <translation>Preparing the paper…</translation>
    </message>
    <message>
        <source>Xem trước</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>In (Ctrl+Enter)</source>
        <translation>Print (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Để sau (Esc)</source>
        <translation>Later (Esc)</translation>
    </message>
    <message>
        <source>Sẵn sàng in {copies} bản.</source>
        <translation>Ready to print {copies} copies.</translation>
    </message>
    <message>
        <source>Hồ sơ {code} — sẵn sàng in {copies} bản.</source>
        <translation>Dossier {code} — ready to print {copies} copies.</translation>
    </message>
    <message>
        <source>In lại: giấy ra có dấu BẢN SAO.</source>
        <translation>Printed again: the paper comes out marked BẢN SAO (copy).</translation>
    </message>
    <message>
        <source>Máy in: {name}</source>
        <translation>Printer: {name}</translation>
    </message>
    <message>
        <source>máy in mặc định của máy tính</source>
        <translation>the computer&apos;s default printer</translation>
    </message>
    <message>
        <source>Không chuẩn bị được giấy tờ: {error}</source>
        <translation>Could not prepare the paper: {error}</translation>
    </message>
    <message>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <source>Đã in; đang ghi sổ…</source>
        <translation>Printed; recording the print…</translation>
    </message>
    <message>
        <source>Giấy đã in nhưng chưa ghi được vào sổ: {error}</source>
        <translation>The paper was printed but its print could not be recorded: {error}</translation>
    </message>
    <message>
        <source>Đang in {copies} bản…</source>
        <translation>Printing {copies} copies…</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>MotCua Desk — Mật khẩu bảo vệ dữ liệu</source>
        <translation>MotCua Desk — Data protection passphrase</translation>
    </message>
    <message>
        <source>Máy này không có kho khoá của hệ điều hành. Hãy đặt mật khẩu bảo vệ cơ sở dữ liệu (ít nhất {n} ký tự); cần nhập nó mỗi lần mở chương trình.</source>
        <translation>This computer has no operating-system keystore. Set a passphrase protecting the database (at least {n} characters); it is asked each time the program opens.</translation>
    </message>
    <message>
        <source>Dữ liệu của bàn được mã hoá. Nhập mật khẩu bảo vệ cơ sở dữ liệu do quản trị đặt.</source>
        <translation>The desk&apos;s data is encrypted. Enter the database passphrase the administrator set.</translation>
    </message>
    <message>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Nhập lại</source>
        <translation>Again</translation>
    </message>
    <message>
        <source>Hai lần nhập mật khẩu không khớp.</source>
        <translation>The two passwords do not match.</translation>
    </message>
    <message>
        <source>Mật khẩu phải có ít nhất {n} ký tự.</source>
        <translation>The passphrase must have at least {n} characters.</translation>
    </message>
</context>
<context>
    <name>PortalPage</name>
    <message>
        <source>Kết nối với cổng dịch vụ công</source>
        <translation>Connect to the public-service portal</translation>
    </message>
    <message>
        <source>Nhập địa chỉ cổng của tỉnh và mã ghi danh một lần của bàn.</source>
        <translation>Enter the province portal&apos;s address and this desk&apos;s one-time enrolment code.</translation>
    </message>
    <message>
        <source>ví dụ Quầy 1</source>
        <translation>e.g. Counter 1</translation>
    </message>
    <message>
        <source>khi tỉnh tự cấp chứng chỉ cho cổng https</source>
        <translation>when the province issues the https portal&apos;s certificate itself</translation>
    </message>
    <message>
        <source>Địa chỉ cổng</source>
        <translation>Portal address</translation>
    </message>
    <message>
        <source>Mã ghi danh</source>
        <translation>Enrolment code</translation>
    </message>
    <message>
        <source>Tên bàn</source>
        <translation>Desk name</translation>
    </message>
    <message>
        <source>Chứng chỉ gốc (CA)</source>
        <translation>Root certificate (CA)</translation>
    </message>
    <message>
        <source>Hãy nhập cả địa chỉ cổng và mã ghi danh.</source>
        <translation>Enter both the portal address and the enrolment code.</translation>
    </message>
    <message>
        <source>Đang kết nối với cổng {url}…</source>
        <translation>Connecting to the portal {url}…</translation>
    </message>
    <message>
        <source>Đã ghi danh bàn với cổng.</source>
        <translation>The desk is enrolled with the portal.</translation>
    </message>
</context>
<context>
    <name>PrintForms</name>
    <message>
        <source>Buổi sáng</source>
        <translation>Morning</translation>
    </message>
    <message>
        <source>Buổi chiều</source>
        <translation>Afternoon</translation>
    </message>
    <message>
        <source>Cả ngày</source>
        <translation>Whole day</translation>
    </message>
    <message>
        <source>Ngày cuối phải sau ngày đầu.</source>
        <translation>The last day must come after the first.</translation>
    </message>
    <message>
        <source>Sổ theo dõi hồ sơ</source>
        <translation>Dossier tracking book</translation>
    </message>
    <message>
        <source>Các hồ sơ cơ quan nhận trong những ngày này, theo ngày nộp.</source>
        <translation>The dossiers the office received on these days, by submission date.</translation>
    </message>
    <message>
        <source>Chuẩn bị sổ (Ctrl+Enter)</source>
        <translation>Prepare the book (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Từ ngày</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Đến ngày</source>
        <translation>To</translation>
    </message>
    <message>
        <source>Bàn giao ca</source>
        <translation>Shift handover</translation>
    </message>
    <message>
        <source>Các hồ sơ công chức đã xử lý và phí, lệ phí đã thu bằng tiền mặt trong ca.</source>
        <translation>The dossiers the officer handled and the fees collected in cash during the shift.</translation>
    </message>
    <message>
        <source>Chuẩn bị phiếu (Ctrl+Enter)</source>
        <translation>Prepare the sheet (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Ngày</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>Ca</source>
        <translation>Shift</translation>
    </message>
    <message>
        <source>In lại giấy tiếp nhận trong ngày</source>
        <translation>Print the day&apos;s receipt slips again</translation>
    </message>
    <message>
        <source>Giấy tiếp nhận của mọi hồ sơ cơ quan tiếp nhận trong ngày, in liền một lượt trên máy in giấy tiếp nhận.</source>
        <translation>The receipt slips of every dossier the office accepted that day, printed in one go on the slip printer.</translation>
    </message>
    <message>
        <source>In (Ctrl+Enter)</source>
        <translation>Print (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Ngày tiếp nhận</source>
        <translation>Day accepted</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>Không mở được máy in (kiểm tra máy in hoặc đường dẫn tệp).</source>
        <translation>Could not open the printer (check the printer or the file path).</translation>
    </message>
    <message>
        <source>Không đọc được tệp PDF ({error}).</source>
        <translation>Cannot read the PDF file ({error}).</translation>
    </message>
    <message>
        <source>Tệp PDF không có trang {page} (có {count} trang).</source>
        <translation>The PDF file has no page {page} (it has {count} pages).</translation>
    </message>
    <message>
        <source>Xem trước khi in</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <source>In không thành công: {error}</source>
        <translation>Printing failed: {error}</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>Trực tiếp</source>
        <translation>In person</translation>
    </message>
    <message>
        <source>Trực tuyến</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Bưu chính</source>
        <translation>By post</translation>
    </message>
    <message>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>Mức độ</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>Kênh</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Ngày nộp</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>Hạn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Tiến độ</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>{due} (hẹn lại {new})</source>
        <translation>{due} (new date {new})</translation>
    </message>
    <message>
        <source>Tạm dừng</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>Trễ {n} ngày</source>
        <translation>Late by {n} working days</translation>
    </message>
    <message>
        <source>Trễ hạn</source>
        <translation>Late</translation>
    </message>
    <message>
        <source>{n} ngày</source>
        <translation>{n} working days left</translation>
    </message>
    <message>
        <source>Hôm nay</source>
        <translation>Due today</translation>
    </message>
    <message>
        <source> (hẹn lại {new})</source>
        <translation> (new date {new})</translation>
    </message>
</context>
<context>
    <name>ReportCharts</name>
    <message>
        <source>Tỉ lệ đúng hạn (%)</source>
        <translation>On-time rate (%)</translation>
    </message>
    <message>
        <source>Tỉ lệ giải quyết trước hạn, đúng hạn theo tháng</source>
        <translation>Share resolved early or on time, by month</translation>
    </message>
    <message>
        <source>Quá hạn</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Hồ sơ giải quyết quá hạn theo phòng chuyên môn</source>
        <translation>Dossiers resolved late, by department</translation>
    </message>
    <message>
        <source>T{month}/{year}</source>
        <translation>{month}/{year}</translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message>
        <source>Vừa ký chốt số liệu ({who}, {at}).</source>
        <translation>Figures just signed off ({who}, {at}).</translation>
    </message>
    <message>
        <source>Đã ký chốt số liệu ({who}, {at}).</source>
        <translation>Figures signed off ({who}, {at}).</translation>
    </message>
    <message>
        <source>Theo thủ tục</source>
        <translation>By procedure</translation>
    </message>
    <message>
        <source>Theo phòng chuyên môn</source>
        <translation>By department</translation>
    </message>
    <message>
        <source>2026-11, 2026-Q4 hoặc 2026</source>
        <translation>2026-11, 2026-Q4 or 2026</translation>
    </message>
    <message>
        <source>Lập báo cáo</source>
        <translation>Make the report</translation>
    </message>
    <message>
        <source>Lưu PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <source>Lưu Excel…</source>
        <translation>Save Excel…</translation>
    </message>
    <message>
        <source>Ký chốt số liệu</source>
        <translation>Sign off the figures</translation>
    </message>
    <message>
        <source>Kỳ báo cáo:</source>
        <translation>Period:</translation>
    </message>
    <message>
        <source>Hồ sơ của số liệu đã chọn</source>
        <translation>Dossiers behind the chosen figure</translation>
    </message>
    <message>
        <source>Đang đếm số liệu…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; ({span}) — hạn gửi trước ngày {due}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; ({span}) — due before {due}</translation>
    </message>
    <message>
        <source>Khác với khi ký: {changes}</source>
        <translation>Differs from the sign-off: {changes}</translation>
    </message>
    <message>
        <source>Lưu báo cáo</source>
        <translation>Save the report</translation>
    </message>
    <message>
        <source>Đã lưu {path}</source>
        <translation>Saved {path}</translation>
    </message>
</context>
<context>
    <name>ReprintDialog</name>
    <message>
        <source>In lại giấy tờ — {code}</source>
        <translation>Print again — {code}</translation>
    </message>
    <message>
        <source>Đang tìm giấy tờ của hồ sơ…</source>
        <translation>Looking for the dossier&apos;s papers…</translation>
    </message>
    <message>
        <source>In lại (Enter)</source>
        <translation>Print again (Enter)</translation>
    </message>
    <message>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <source>Chọn giấy tờ cần in lại:</source>
        <translation>Choose the paper to print again:</translation>
    </message>
    <message>
        <source>Hồ sơ chưa có giấy tờ nào để in.</source>
        <translation>The dossier has no paper to print yet.</translation>
    </message>
</context>
<context>
    <name>ScanViewer</name>
    <message>
        <source>Ảnh quá lớn để hiển thị ({width}×{height} điểm ảnh).</source>
        <translation>The image is too large to show ({width}×{height} pixels).</translation>
    </message>
    <message>
        <source>Không đọc được ảnh (tệp hỏng hoặc không phải ảnh).</source>
        <translation>Cannot read the image (the file is damaged or not an image).</translation>
    </message>
    <message>
        <source>Chọn một giấy tờ để xem bản quét</source>
        <translation>Select a document to see its scan</translation>
    </message>
    <message>
        <source>Trang trước (Page Up)</source>
        <translation>Previous page (Page Up)</translation>
    </message>
    <message>
        <source>Trang sau (Page Down)</source>
        <translation>Next page (Page Down)</translation>
    </message>
    <message>
        <source>Thu nhỏ (Ctrl+-)</source>
        <translation>Zoom out (Ctrl+-)</translation>
    </message>
    <message>
        <source>Phóng to (Ctrl++)</source>
        <translation>Zoom in (Ctrl++)</translation>
    </message>
    <message>
        <source>Xoay 90° (Ctrl+R)</source>
        <translation>Rotate 90° (Ctrl+R)</translation>
    </message>
    <message>
        <source>Đang tải bản quét…</source>
        <translation>Loading scan…</translation>
    </message>
    <message>
        <source>Bàn chưa có bản quét này (sẽ tải về khi đồng bộ).</source>
        <translation>This desk does not have this scan yet (it will be downloaded at the next sync).</translation>
    </message>
    <message>
        <source>Trang {page}/{pages} · {zoom}% · xoay {angle}°</source>
        <translation>Page {page}/{pages} · {zoom}% · rotated {angle}°</translation>
    </message>
    <message>
        <source>trang quá lớn, hiển thị thu nhỏ</source>
        <translation>page too large: shown smaller</translation>
    </message>
    <message>
        <source>Không hiển thị được bản quét: {error}</source>
        <translation>Cannot show the scan: {error}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Cơ quan</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>Giấy tờ in</source>
        <translation>Printed papers</translation>
    </message>
    <message>
        <source>Máy in</source>
        <translation>Printers</translation>
    </message>
    <message>
        <source>Giao diện</source>
        <translation>Interface</translation>
    </message>
    <message>
        <source>Sao lưu</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>Cổng dịch vụ công</source>
        <translation>Public-service portal</translation>
    </message>
    <message>
        <source>Chỉ quản trị hệ thống được mở Cài đặt của bàn; hãy nhờ quản trị viên.</source>
        <translation>Only a system administrator may open the desk&apos;s Settings; ask your administrator.</translation>
    </message>
    <message>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Huỷ</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Bàn chưa ghi danh với cổng dịch vụ công: địa chỉ cổng được đặt khi ghi danh bàn (lần chạy đầu tiên, hoặc lệnh motcua enrol).</source>
        <translation>This desk is not enrolled with the public-service portal: the portal address is set when the desk enrols (on the first run, or with motcua enrol).</translation>
    </message>
    <message>
        <source>Máy in mặc định của hệ thống</source>
        <translation>The system&apos;s default printer</translation>
    </message>
    <message>
        <source>HH:MM — để trống: tắt</source>
        <translation>HH:MM — empty: off</translation>
    </message>
    <message>
        <source>Đang dùng chứng chỉ đã chép vào bàn khi ghi danh</source>
        <translation>Using the certificate copied into the desk at enrolment</translation>
    </message>
    <message>
        <source>Chọn tệp…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>Chứng chỉ gốc của tỉnh</source>
        <translation>The province&apos;s root certificate</translation>
    </message>
    <message>
        <source>Chứng chỉ (*.pem *.crt)</source>
        <translation>Certificates (*.pem *.crt)</translation>
    </message>
</context>
<context>
    <name>SummaryModel</name>
    <message>
        <source>Toàn cơ quan</source>
        <translation>Whole office</translation>
    </message>
    <message>
        <source>Phòng</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>Cộng</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message>
        <source>Đang gửi thao tác</source>
        <translation>Sending actions</translation>
    </message>
    <message>
        <source>Đang nhận hồ sơ</source>
        <translation>Receiving dossiers</translation>
    </message>
    <message>
        <source>Đang nhận thay đổi</source>
        <translation>Receiving changes</translation>
    </message>
    <message>
        <source>Đang tải bản quét</source>
        <translation>Downloading scans</translation>
    </message>
    <message>
        <source>Ngoại tuyến — bàn chưa ghi danh với cổng</source>
        <translation>Offline — desk not enrolled with the portal</translation>
    </message>
    <message>
        <source>Chưa đồng bộ</source>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <source>● Trực tuyến</source>
        <translation>● Online</translation>
    </message>
    <message>
        <source>○ Mất kết nối</source>
        <translation>○ Disconnected</translation>
    </message>
    <message>
        <source>{state} · đồng bộ: {ago} · chờ gửi: {pending} · xung đột: {conflicts}</source>
        <translation>{state} · synced: {ago} · to send: {pending} · conflicts: {conflicts}</translation>
    </message>
    <message>
        <source>Đang đồng bộ…</source>
        <translation>Syncing…</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>Thời điểm</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Thao tác</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Cán bộ</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>Bàn</source>
        <translation>Desk</translation>
    </message>
    <message>
        <source>Trạng thái sau</source>
        <translation>Status after</translation>
    </message>
    <message>
        <source>Chi tiết</source>
        <translation>Details</translation>
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
        <source>Cơ sở dữ liệu bị hỏng</source>
        <translation>Database damaged</translation>
    </message>
    <message>
        <source>Cơ sở dữ liệu {path} bị hỏng ({problem}). Không dùng tiếp tệp này: hãy khôi phục bản sao lưu gần nhất, hoặc ghi danh lại bàn với cổng vào một tệp mới (motcua enrol) để tải lại hồ sơ từ cổng; giữ tệp hỏng cho bộ phận kỹ thuật.</source>
        <translation>The database {path} is damaged ({problem}). Do not go on using this file: restore the latest backup, or enrol the desk with the portal again into a new file (motcua enrol) to download the dossiers from the portal again; keep the damaged file for technical support.</translation>
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
<context>
    <name>options</name>
    <message>
        <source>Số điện thoại của bộ phận</source>
        <translation>The desk&apos;s phone number</translation>
    </message>
    <message>
        <source>In trên giấy tờ (Mẫu 02 ghi: liên hệ theo số điện thoại này để được hướng dẫn).</source>
        <translation>Printed on the papers (Form 02 says: call this number for guidance).</translation>
    </message>
    <message>
        <source>Địa chỉ của bộ phận</source>
        <translation>The desk&apos;s address</translation>
    </message>
    <message>
        <source>In trên giấy tờ; để trống thì in địa chỉ của cơ quan.</source>
        <translation>Printed on the papers; empty: the office&apos;s address is printed.</translation>
    </message>
    <message>
        <source>Địa danh ở dòng ngày tháng</source>
        <translation>Place name on the date line</translation>
    </message>
    <message>
        <source>Ví dụ “Tam Đường”; để trống: lấy từ địa chỉ cơ quan (xã, phường hoặc tỉnh).</source>
        <translation>For example “Tam Đường”; empty: taken from the office&apos;s address (commune, ward or province).</translation>
    </message>
    <message>
        <source>Người ký văn bản xin lỗi, hẹn lại</source>
        <translation>Signer of the apology and new appointment</translation>
    </message>
    <message>
        <source>Họ và tên người đứng đầu ký văn bản xin lỗi và hẹn lại ngày trả kết quả.</source>
        <translation>Full name of the head who signs the apology with a new date for the result.</translation>
    </message>
    <message>
        <source>Máy in phiếu khổ A5</source>
        <translation>Printer for A5 slips</translation>
    </message>
    <message>
        <source>Giấy tiếp nhận, phiếu bổ sung, từ chối, xin lỗi, kiểm soát; để trống: máy in mặc định.</source>
        <translation>Receipt slips, supplement requests, refusals, apologies, control slips; empty: the default printer.</translation>
    </message>
    <message>
        <source>Máy in biên lai</source>
        <translation>Receipt printer</translation>
    </message>
    <message>
        <source>Biên lai thu phí, lệ phí; để trống: máy in mặc định.</source>
        <translation>Fee receipts; empty: the default printer.</translation>
    </message>
    <message>
        <source>Máy in sổ và biên bản khổ A4</source>
        <translation>Printer for A4 registers and reports</translation>
    </message>
    <message>
        <source>Sổ theo dõi hồ sơ, biên bản bàn giao ca; để trống: máy in mặc định.</source>
        <translation>The tracking book, shift handovers; empty: the default printer.</translation>
    </message>
    <message>
        <source>Ngôn ngữ giao diện</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>Áp dụng từ lần mở bàn sau.</source>
        <translation>Applies from the next start of the desk.</translation>
    </message>
    <message>
        <source>Cỡ chữ</source>
        <translation>Font size</translation>
    </message>
    <message>
        <source>Cỡ chữ của cửa sổ, theo điểm; áp dụng từ lần mở bàn sau.</source>
        <translation>The window&apos;s font size, in points; applies from the next start of the desk.</translation>
    </message>
    <message>
        <source>Tự khoá sau</source>
        <translation>Lock after</translation>
    </message>
    <message>
        <source>Số phút không gõ phím, không bấm chuột trước khi bàn tự khoá.</source>
        <translation>Minutes without a key or a click before the desk locks itself.</translation>
    </message>
    <message>
        <source>Sao lưu hằng ngày lúc</source>
        <translation>Daily backup at</translation>
    </message>
    <message>
        <source>Giờ sao lưu cơ sở dữ liệu mỗi ngày, dạng HH:MM; để trống: không sao lưu tự động.</source>
        <translation>When the database is backed up each day, HH:MM; empty: no automatic backup.</translation>
    </message>
    <message>
        <source>Lưu bản quét của hồ sơ đã trả kết quả (tháng)</source>
        <translation>Keep scans of returned dossiers (months)</translation>
    </message>
    <message>
        <source>Quá số tháng này kể từ khi trả kết quả, bản quét đã có trên cổng được xoá khỏi máy (motcua scans purge); 0: giữ mãi.</source>
        <translation>After this many months from the return, scans the portal holds are removed from this computer (motcua scans purge); 0: keep forever.</translation>
    </message>
    <message>
        <source>Địa chỉ cổng dịch vụ công</source>
        <translation>Public-service portal address</translation>
    </message>
    <message>
        <source>Ví dụ https://dichvucong.laichau.gov.vn; đặt khi ghi danh bàn, đổi khi cổng chuyển máy.</source>
        <translation>For example https://dichvucong.laichau.gov.vn; set when the desk enrols, changed when the portal moves.</translation>
    </message>
    <message>
        <source>Chứng chỉ gốc (CA) của tỉnh</source>
        <translation>The province&apos;s certificate authority (CA)</translation>
    </message>
    <message>
        <source>Tệp .pem để xác minh cổng https của tỉnh; để trống: các tổ chức chứng thực công cộng.</source>
        <translation>A .pem file to verify the province&apos;s https portal; empty: the public certificate authorities.</translation>
    </message>
</context>
</TS>
