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

// The properties panel's hover help (its "?" tooltips) and the descriptions under some entries.
const help = {
  'Descriptive text for screen reader accessibility.': 'Chữ mô tả cho trình đọc màn hình.',
  'Disable this field when it should not be interactive for end-users. Its data will not be submitted. This setting takes precedence over read-only.':
    'Khóa trường khi người dùng không được tương tác với nó; giá trị của trường không được gửi đi. Thiết lập này mạnh hơn "Chỉ đọc".',
  'Where the child variables of this component are pathed to.': 'Đường dẫn nơi các biến con của thành phần này được lưu.',
  'Height of the container in pixels.': 'Chiều cao của khung, tính bằng điểm ảnh.',
  'Expression or static value (link/data URI)': 'Biểu thức hoặc giá trị cố định (đường dẫn hoặc data URI)',
  'Link referring to a hosted image, or use a data URI directly to embed image data into the form.': 'Đường dẫn tới ảnh, hoặc một data URI để nhúng ảnh thẳng vào biểu mẫu.',
  'Define an expression to calculate the value of this field': 'Biểu thức tính giá trị của trường này',
  'Allows arbitrary precision values': 'Cho phép số với độ chính xác bất kỳ',
  'Define which input property to populate the values from': 'Chọn biến đầu vào chứa các lựa chọn',
  'Make this field read-only when it cannot be edited by the end-user, but its content is important for them to see. Its data will still be submitted.':
    'Chỉ cho xem khi người dùng không được sửa nhưng cần thấy nội dung; giá trị vẫn được gửi đi.',
  'Define an expression to populate the options from.': 'Biểu thức tạo ra các lựa chọn.',
  'Specify the source from which to populate the table': 'Nguồn dữ liệu của bảng',
  'Enter a form input variable that contains the data for the table or define an expression to populate the data dynamically.':
    'Nhập biến đầu vào chứa dữ liệu của bảng, hoặc một biểu thức tạo dữ liệu.',
  'Specify an expression to populate column items': 'Biểu thức tạo các cột',
  'The error message to display when the input does not match the regular expression.': 'Thông báo hiện ra khi giá trị nhập không khớp biểu thức chính quy.',
  'Add properties directly to the form schema, useful to configure functionality in custom-built task applications and form renderers.':
    'Thêm thuộc tính thẳng vào lược đồ biểu mẫu, cho các ứng dụng tự xây dựng đọc biểu mẫu.',
};
Object.assign(vi, help);
vi['Use a unique "key" to link the form element and the related input/output data. When dealing with nested data, break it down in the user task\'s input mapping before using it.'] =
  'Mỗi trường có một khóa riêng: đó là tên biến quy trình nhận giá trị của trường (ví dụ soDangVienDuHop). Dữ liệu lồng nhau hãy tách ra ở phần ánh xạ đầu vào của bước trước khi dùng.';

// A new field gets a Vietnamese label instead of form-js's English one ("Text field", "Value"...).
const newLabels = {
  textfield: 'Ô chữ mới', textarea: 'Đoạn văn mới', number: 'Số mới', checkbox: 'Ô đánh dấu mới', checklist: 'Nhóm ô đánh dấu mới',
  radio: 'Chọn một mới', select: 'Danh sách chọn mới', taglist: 'Danh sách nhãn mới', button: 'Gửi', group: 'Nhóm mới',
  dynamiclist: 'Danh sách động mới', iframe: 'Khung nhúng', documentPreview: 'Xem tài liệu',
};
const englishLabels = new Set(['Text field', 'Text area', 'Number', 'Checkbox', 'Checkbox group', 'Radio group', 'Select', 'Tag list',
  'Button', 'Group', 'Dynamic list', 'iFrame', 'Document preview']);

/** Rewrites form-js's English defaults of a field being added (before the command runs, so one undo removes it). */
export function vietnameseDefaults(field) {
  if (!field) return;
  if (englishLabels.has(field.label) && newLabels[field.type]) field.label = newLabels[field.type];
  if (field.type === 'datetime' && field.dateLabel === 'Date') field.dateLabel = 'Ngày';
  if (field.type === 'datetime' && field.timeLabel === 'Time') field.timeLabel = 'Giờ';
  if (field.type === 'text' && field.text === '# Text') field.text = '## Tiêu đề';
  if (Array.isArray(field.values) && field.values.length === 1 && field.values[0].label === 'Value' && field.values[0].value === 'value') {
    field.values = [{ label: 'Lựa chọn 1', value: 'luaChon1' }, { label: 'Lựa chọn 2', value: 'luaChon2' }];
  }
}

const paletteTitle = /^Create an? (.+) element$/;

function translate(root) {
  for (const part of root.querySelectorAll('.fjs-palette, .fjs-properties-panel, .bio-properties-panel-tooltip')) {
    const walk = document.createTreeWalker(part, NodeFilter.SHOW_TEXT);
    for (let node = walk.nextNode(); node; node = walk.nextNode()) {
      if (node.parentElement?.closest('input, textarea, [contenteditable], .cm-editor')) continue;
      const text = node.nodeValue.trim();
      if (text && vi[text]) node.nodeValue = node.nodeValue.replace(text, vi[text]);
    }
    for (const input of part.querySelectorAll('input[placeholder]')) {
      if (vi[input.placeholder]) input.placeholder = vi[input.placeholder];
    }
    for (const element of part.querySelectorAll('[title]')) {
      const title = element.getAttribute('title');
      const created = paletteTitle.exec(title);
      if (created && vi[created[1]]) element.setAttribute('title', `Thêm ${vi[created[1]].toLowerCase()}`);
      else if (vi[title]) element.setAttribute('title', vi[title]);
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
