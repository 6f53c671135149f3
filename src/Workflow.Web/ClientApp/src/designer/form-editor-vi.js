// form-js 1.x has no translations: its palette and properties panel are English. The designer shows them in
// Vietnamese by replacing the known labels in those two parts of the page (never in the form being designed, whose
// texts are the admin's). preact writes a label again only when it changes, and the observer translates it again then.
const vi = {
  Components: 'Thành phần', 'Search components': 'Tìm thành phần', Input: 'Nhập liệu', Selection: 'Lựa chọn', Presentation: 'Trình bày',
  Containers: 'Bố cục', Action: 'Hành động', 'Text field': 'Ô chữ', 'Text area': 'Đoạn văn', Number: 'Số', 'Date time': 'Ngày giờ',
  Expression: 'Biểu thức', 'File picker': 'Chọn tệp', Checkbox: 'Ô đánh dấu', 'Checkbox group': 'Nhóm ô đánh dấu', 'Radio group': 'Chọn một',
  Select: 'Danh sách chọn', 'Tag list': 'Danh sách nhãn', 'Text view': 'Đoạn chữ', 'Image view': 'Hình ảnh', Table: 'Bảng',
  'HTML view': 'HTML', 'Document preview': 'Xem tài liệu', Spacer: 'Khoảng trống', Separator: 'Đường kẻ', Group: 'Nhóm',
  'Dynamic list': 'Danh sách động', iFrame: 'Khung nhúng', Button: 'Nút',
  General: 'Thông tin chung', Condition: 'Điều kiện hiển thị', Layout: 'Bố cục', Appearance: 'Hiển thị', Serialization: 'Lưu giá trị',
  Validation: 'Kiểm tra', Constraints: 'Ràng buộc', 'Custom properties': 'Thuộc tính tùy chỉnh', Options: 'Lựa chọn',
  'Static options': 'Lựa chọn cố định', 'Options source': 'Nguồn lựa chọn', 'Field label': 'Nhãn trường', 'Field description': 'Mô tả trường',
  Key: 'Khóa (tên biến)', 'Binds to a form variable': 'Gắn với một biến của biểu mẫu', 'Default value': 'Giá trị mặc định',
  'Decimal digits': 'Số chữ số thập phân', Increment: 'Bước tăng', Disabled: 'Khóa không cho sửa', 'Read only': 'Chỉ đọc',
  Required: 'Bắt buộc', 'Minimum length': 'Độ dài tối thiểu', 'Maximum length': 'Độ dài tối đa', Minimum: 'Nhỏ nhất', Maximum: 'Lớn nhất',
  'Custom regular expression': 'Biểu thức chính quy', 'Custom error message': 'Thông báo lỗi riêng', Label: 'Nhãn', Value: 'Giá trị',
  Text: 'Nội dung', Columns: 'Số cột', Auto: 'Tự động', Prefix: 'Tiền tố', Suffix: 'Hậu tố', ID: 'Mã (ID)', Form: 'Biểu mẫu',
  'Version tag': 'Nhãn phiên bản', 'Hide if': 'Ẩn khi', 'Searchable': 'Tìm được', Height: 'Chiều cao', 'Alternative text': 'Chữ thay thế',
  'Image source': 'Nguồn ảnh', Content: 'Nội dung', 'Show outline': 'Hiện viền', 'Drag and drop components here to start designing.': 'Kéo thành phần vào đây để bắt đầu thiết kế.',
  'Validation pattern': 'Mẫu kiểm tra', Custom: 'Tùy chỉnh', Email: 'Email', Phone: 'Điện thoại', '<none>': '<không có>',
  Subtype: 'Kiểu con', 'Date label': 'Nhãn ngày', 'Time label': 'Nhãn giờ', 'Disallow past dates': 'Không cho ngày đã qua',
  'Use 24h': 'Dùng 24 giờ', 'Time format': 'Định dạng giờ', 'Time interval': 'Bước thời gian', Checked: 'Đã đánh dấu', 'Not checked': 'Chưa đánh dấu',
};

function translate(root) {
  for (const part of root.querySelectorAll('.fjs-palette, .fjs-properties-panel')) {
    const walk = document.createTreeWalker(part, NodeFilter.SHOW_TEXT);
    for (let node = walk.nextNode(); node; node = walk.nextNode()) {
      if (node.parentElement?.closest('input, textarea, [contenteditable], .cm-editor')) continue;
      const text = node.nodeValue.trim();
      if (text && vi[text]) node.nodeValue = node.nodeValue.replace(text, vi[text]);
    }
    for (const input of part.querySelectorAll('input[placeholder]')) {
      if (vi[input.placeholder]) input.placeholder = vi[input.placeholder];
    }
  }
  for (const empty of root.querySelectorAll('.fjs-empty-editor, .fjs-empty-component')) {
    const walk = document.createTreeWalker(empty, NodeFilter.SHOW_TEXT);
    for (let node = walk.nextNode(); node; node = walk.nextNode()) {
      const text = node.nodeValue.trim();
      if (text && vi[text]) node.nodeValue = vi[text];
    }
  }
}

export function translateFormEditor(root) {
  let scheduled = false;
  const run = () => {
    scheduled = false;
    observer.disconnect();
    translate(root);
    observer.observe(root, { childList: true, subtree: true, characterData: true });
  };
  const observer = new MutationObserver(() => {
    if (!scheduled) {
      scheduled = true;
      requestAnimationFrame(run);
    }
  });
  run();
}
