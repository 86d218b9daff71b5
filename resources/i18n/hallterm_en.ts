<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ApplicantPanel</name>
    <message>
        <source>政务服务平台未连接，无法解析电子证照</source>
        <translation>The service platform is not connected; the e-licence cannot be resolved</translation>
    </message>
    <message>
        <source>正在向平台查询电子证照……</source>
        <translation>Asking the platform for the e-licence…</translation>
    </message>
    <message>
        <source>电子证照无法解析，请读取身份证或手工录入</source>
        <translation>The e-licence could not be resolved; read the ID card or type the details</translation>
    </message>
    <message>
        <source>身份证号码有误</source>
        <translation>The ID number is not valid</translation>
    </message>
    <message>
        <source>手机号码有误</source>
        <translation>The mobile number is not valid</translation>
    </message>
    <message>
        <source>以往办件（{count} 件）</source>
        <translation>Earlier cases ({count})</translation>
    </message>
    <message>
        <source>以往办件：无</source>
        <translation>Earlier cases: none</translation>
    </message>
    <message>
        <source>按 F5 读取身份证，扫描电子证照，或手工录入</source>
        <translation>Press F5 to read the ID card, scan an e-licence, or type</translation>
    </message>
    <message>
        <source>已读取身份证</source>
        <translation>Read from the ID card</translation>
    </message>
    <message>
        <source>已通过电子证照核验</source>
        <translation>Verified by e-licence</translation>
    </message>
    <message>
        <source>手工录入</source>
        <translation>Typed in</translation>
    </message>
    <message>
        <source>（证件数据有疑问，请核对）</source>
        <translation> (the card data looks doubtful, please check)</translation>
    </message>
    <message>
        <source>办事人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>手机号</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>电子证照</source>
        <translation>E-licence</translation>
    </message>
    <message>
        <source>扫描群众出示的亮证二维码</source>
        <translation>Scan the e-licence QR code the citizen shows</translation>
    </message>
    <message>
        <source>解析</source>
        <translation>Resolve</translation>
    </message>
    <message>
        <source>以往办件</source>
        <translation>Earlier cases</translation>
    </message>
</context>
<context>
    <name>ApplyJourney</name>
    <message>
        <source>提交没有成功，您填写的信息还在。请稍后再试，或到人工窗口办理。</source>
        <translation>Your application was not submitted; what you entered is kept. Please try again shortly, or go to a service counter.</translation>
    </message>
</context>
<context>
    <name>CameraPreview</name>
    <message>
        <source>未检测到摄像头：请检查高拍仪或摄像头的 USB 线，插好后再点“摄像头预览”。</source>
        <translation>No camera found: check the camera&apos;s USB cable, then press Camera preview again.</translation>
    </message>
    <message>
        <source>正在预览 {name}：把二维码放到镜头前，识别到的码会用绿框标出。</source>
        <translation>Previewing {name}: hold a QR code in front of the lens; recognised codes are outlined in green.</translation>
    </message>
    <message>
        <source>摄像头预览</source>
        <translation>Camera preview</translation>
    </message>
    <message>
        <source>尚未识别到二维码</source>
        <translation>No QR code recognised yet</translation>
    </message>
    <message>
        <source>识别到：{text}</source>
        <translation>Recognised: {text}</translation>
    </message>
    <message>
        <source>摄像头没有画面（{code}）：请检查 USB 线和供电，或换一个 USB 口后重新打开预览。</source>
        <translation>The camera gives no picture ({code}): check the USB cable and power, or try another USB port, then open the preview again.</translation>
    </message>
</context>
<context>
    <name>CaptureScreen</name>
    <message>
        <source>拍照：{name}</source>
        <translation>Photograph: {name}</translation>
    </message>
    <message>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>重拍</source>
        <translation>Retake</translation>
    </message>
    <message>
        <source>请把材料正面朝上，平放在高拍仪下方的灯光区域。看到屏幕上的画面清楚、完整后，点“拍照”。</source>
        <translation>Lay the document face up in the lit area under the document camera. When the picture on the screen is sharp and complete, tap &quot;Take photo&quot;.</translation>
    </message>
    <message>
        <source>拍照</source>
        <translation>Take photo</translation>
    </message>
    <message>
        <source>正在打开高拍仪，请稍候…</source>
        <translation>Starting the document camera, one moment…</translation>
    </message>
    <message>
        <source>请看一下照片：文字清楚、四个角都在，就点“使用这张照片”；不清楚就点“重拍”。</source>
        <translation>Check the photo: if the text is clear and all four corners are in, tap &quot;Use this photo&quot;; if not, tap &quot;Retake&quot;.</translation>
    </message>
    <message>
        <source>使用这张照片</source>
        <translation>Use this photo</translation>
    </message>
    <message>
        <source>高拍仪暂时不能使用</source>
        <translation>The document camera is not available</translation>
    </message>
    <message>
        <source>用电子证照代替</source>
        <translation>use your e-licence instead</translation>
    </message>
    <message>
        <source>选“容缺后补”，30天内补交</source>
        <translation>choose &quot;Supply later&quot; and bring it within 30 days</translation>
    </message>
    <message>
        <source>带上纸质材料到人工窗口办理</source>
        <translation>bring the paper document to a service counter</translation>
    </message>
    <message>
        <source>高拍仪暂时不能拍照，这不是您的问题。您可以点“返回”，{ways}。</source>
        <translation>The document camera cannot take photos right now. This is not your fault. Tap &quot;Back&quot; and {ways}.</translation>
    </message>
    <message>
        <source>；或</source>
        <translation>; or </translation>
    </message>
</context>
<context>
    <name>CardPlacementView</name>
    <message>
        <source>读卡区（屏幕下方）</source>
        <translation>Card reader (below the screen)</translation>
    </message>
</context>
<context>
    <name>CaseArea</name>
    <message>
        <source>【一件事】{name}</source>
        <translation>[Bundle] {name}</translation>
    </message>
    <message>
        <source>输入事项名称或编码选择事项，或选择“一件事”</source>
        <translation>Type an item name or code, or choose a bundle</translation>
    </message>
    <message>
        <source>必备，可容缺</source>
        <translation>Required, may follow later</translation>
    </message>
    <message>
        <source>必备</source>
        <translation>Required</translation>
    </message>
    <message>
        <source>非必备</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>有误时说明问题</source>
        <translation>What is wrong, if anything</translation>
    </message>
    <message>
        <source>电子证照 {number}</source>
        <translation>e-licence {number}</translation>
    </message>
    <message>
        <source>请先读取身份证或录入办事人信息</source>
        <translation>Read the ID card or enter the applicant first</translation>
    </message>
    <message>
        <source>请先选择事项</source>
        <translation>Choose an item first</translation>
    </message>
    <message>
        <source>综合窗口 {number}号</source>
        <translation>Counter {number}</translation>
    </message>
    <message>
        <source>正在保存……</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>已受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>已容缺受理</source>
        <translation>Accepted with materials to follow</translation>
    </message>
    <message>
        <source>已出具补齐补正一次性告知书</source>
        <translation>One-time correction notice issued</translation>
    </message>
    <message>
        <source>已出具不予受理通知书</source>
        <translation>Refusal notice issued</translation>
    </message>
    <message>
        <source>{what}，办件编号 {numbers}，正在打印……</source>
        <translation>{what}, case {numbers}, printing…</translation>
    </message>
    <message>
        <source>正在打印……</source>
        <translation>printing…</translation>
    </message>
    <message>
        <source>已打印。</source>
        <translation>printed.</translation>
    </message>
    <message>
        <source>打印机暂时无法使用，文书已进入补打队列，可在“今日办件”中补打。</source>
        <translation>The printer is unavailable; the document waits in the reprint queue (Cases today).</translation>
    </message>
    <message>
        <source>保存失败，请重试或联系技术人员。</source>
        <translation>Could not save; try again or call a technician.</translation>
    </message>
    <message>
        <source>原件已收</source>
        <translation>Original received</translation>
    </message>
    <message>
        <source>复印件已收</source>
        <translation>Copy received</translation>
    </message>
    <message>
        <source>电子证照复用</source>
        <translation>Reused e-licence</translation>
    </message>
    <message>
        <source>缺少</source>
        <translation>Missing</translation>
    </message>
    <message>
        <source>有误</source>
        <translation>Wrong</translation>
    </message>
    <message>
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>尚未选择事项</source>
        <translation>No item chosen yet</translation>
    </message>
    <message>
        <source>按 F2 叫号、F5 读卡，然后在上方输入事项名称选择事项。</source>
        <translation>Press F2 to call, F5 to read the card, then choose the item above.</translation>
    </message>
    <message>
        <source>必备材料全部收到</source>
        <translation>All required received</translation>
    </message>
    <message>
        <source>理由 / 审查意见</source>
        <translation>Reason / remarks</translation>
    </message>
    <message>
        <source>不予受理必须填写理由；补齐补正可补充说明</source>
        <translation>Required for a refusal; optional for a correction notice</translation>
    </message>
    <message>
        <source>补交期限</source>
        <translation>Due by</translation>
    </message>
    <message>
        <source>清除签名</source>
        <translation>Clear signature</translation>
    </message>
    <message>
        <source>请申请人在此签名</source>
        <translation>Applicant signs here</translation>
    </message>
    <message>
        <source>申请人签名</source>
        <translation>Applicant&apos;s signature</translation>
    </message>
    <message>
        <source>容缺受理</source>
        <translation>Accept, materials later</translation>
    </message>
    <message>
        <source>补齐补正</source>
        <translation>Ask for corrections</translation>
    </message>
    <message>
        <source>不予受理</source>
        <translation>Refuse</translation>
    </message>
</context>
<context>
    <name>CaseListView</name>
    <message>
        <source>已办结，准予许可。证照可在本机“打印证照”打印。</source>
        <translation>Completed and approved. Print the licence here under “Print documents”.</translation>
    </message>
    <message>
        <source>已办结，不予许可。请查看办理部门出具的决定书。</source>
        <translation>Completed, not approved. Please see the decision issued by the department.</translation>
    </message>
    <message>
        <source>已办结。</source>
        <translation>Completed.</translation>
    </message>
    <message>
        <source>尚未提交。</source>
        <translation>Not submitted yet.</translation>
    </message>
    <message>
        <source>已提交，等待工作人员受理。</source>
        <translation>Submitted, waiting to be accepted by staff.</translation>
    </message>
    <message>
        <source>材料正在预审。</source>
        <translation>Your documents are being pre-checked.</translation>
    </message>
    <message>
        <source>需要补齐材料：请按一次性告知书准备材料，到综合窗口补交。</source>
        <translation>Documents needed: prepare them as listed in the notice and bring them to a counter.</translation>
    </message>
    <message>
        <source>已受理，正在安排办理。</source>
        <translation>Accepted, being scheduled for processing.</translation>
    </message>
    <message>
        <source>不予受理。原因见不予受理通知书。</source>
        <translation>Not accepted. The reason is in the notice of non-acceptance.</translation>
    </message>
    <message>
        <source>已退件。如需继续办理，请重新申请。</source>
        <translation>Returned. To continue, please apply again.</translation>
    </message>
    <message>
        <source>正在办理。</source>
        <translation>Being processed.</translation>
    </message>
    <message>
        <source>特别程序中（如检测、听证），这段时间不计入办理时限。</source>
        <translation>In a special procedure (such as testing or a hearing); this time does not count towards the time limit.</translation>
    </message>
    <message>
        <source>已办结，证照已领取。</source>
        <translation>Completed; the licence has been collected.</translation>
    </message>
    <message>
        <source>办结日期：{date}</source>
        <translation>Completed on: {date}</translation>
    </message>
    <message>
        <source>承诺办结日期：{date}</source>
        <translation>Promised by: {date}</translation>
    </message>
    <message>
        <source>申请日期：{date}</source>
        <translation>Applied on: {date}</translation>
    </message>
    <message>
        <source>办件编号：{number}</source>
        <translation>Case number: {number}</translation>
    </message>
</context>
<context>
    <name>CasesTodayScreen</name>
    <message>
        <source>补打队列：{count} 份文书等待打印</source>
        <translation>Reprint queue: {count} documents waiting</translation>
    </message>
    <message>
        <source>补打队列：无</source>
        <translation>Reprint queue: empty</translation>
    </message>
    <message>
        <source>{number} 的文书已重新打印</source>
        <translation>Documents of {number} printed again</translation>
    </message>
    <message>
        <source>今日办件</source>
        <translation>Cases today</translation>
    </message>
    <message>
        <source>按办件编号、姓名或身份证号查找</source>
        <translation>Search by case number, name or ID number</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>补打文书 (Enter)</source>
        <translation>Reprint (Enter)</translation>
    </message>
    <message>
        <source>办件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Service item</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
</context>
<context>
    <name>CountdownOverlay</name>
    <message>
        <source>您还在办理吗？</source>
        <translation>Are you still there?</translation>
    </message>
    <message>
        <source>{n} 秒后将返回首页，并清除您本次填写的信息。</source>
        <translation>In {n} seconds the kiosk returns to the start screen and clears what you entered.</translation>
    </message>
    <message>
        <source>继续办理</source>
        <translation>Continue</translation>
    </message>
</context>
<context>
    <name>CounterMainWindow</name>
    <message>
        <source>请将身份证放在读卡器上</source>
        <translation>Place the ID card on the reader</translation>
    </message>
    <message>
        <source>办件同步：未启动</source>
        <translation>Case sync: not started</translation>
    </message>
    <message>
        <source>{count} 件办件待同步</source>
        <translation>{count} cases waiting to sync</translation>
    </message>
    <message>
        <source>办件已全部同步</source>
        <translation>All cases synced</translation>
    </message>
    <message>
        <source>{count} 条需技术人员处理</source>
        <translation>{count} need a technician</translation>
    </message>
    <message>
        <source>最近同步 {time}</source>
        <translation>last sync {time}</translation>
    </message>
    <message>
        <source>政务服务平台暂时无法连接，办件已安全保存在本机</source>
        <translation>platform unreachable for now; cases are kept safely on this terminal</translation>
    </message>
    <message>
        <source>综合受理窗口</source>
        <translation>Service counter</translation>
    </message>
    <message>
        <source>{number} 号窗口</source>
        <translation>Counter {number}</translation>
    </message>
    <message>
        <source>窗口号未设置</source>
        <translation>Counter number not set</translation>
    </message>
    <message>
        <source>工作人员：{name}（工号 {number}）</source>
        <translation>Clerk: {name} (staff no. {number})</translation>
    </message>
    <message>
        <source>开始办理</source>
        <translation>Apply now</translation>
    </message>
    <message>
        <source>办结</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>转移</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <source>暂停</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>退出登录</source>
        <translation>Log out</translation>
    </message>
    <message>
        <source>受理 (Ctrl+1)</source>
        <translation>Accept (Ctrl+1)</translation>
    </message>
    <message>
        <source>今日办件 (Ctrl+2)</source>
        <translation>Cases today (Ctrl+2)</translation>
    </message>
    <message>
        <source>我的今日 (Ctrl+3)</source>
        <translation>My day (Ctrl+3)</translation>
    </message>
    <message>
        <source>Ctrl+Enter 受理</source>
        <translation>Ctrl+Enter accept</translation>
    </message>
    <message>
        <source>工作人员：未登录</source>
        <translation>Clerk: not signed in</translation>
    </message>
    <message>
        <source>退出登录 (Ctrl+L)</source>
        <translation>Log out (Ctrl+L)</translation>
    </message>
    <message>
        <source>叫号服务已连接</source>
        <translation>Queue service connected</translation>
    </message>
    <message>
        <source>叫号服务未连接</source>
        <translation>Queue service not connected</translation>
    </message>
    <message>
        <source>叫号</source>
        <translation>Call next</translation>
    </message>
    <message>
        <source>重呼</source>
        <translation>Recall</translation>
    </message>
    <message>
        <source>过号</source>
        <translation>Skip</translation>
    </message>
    <message>
        <source>读卡</source>
        <translation>Read card</translation>
    </message>
    <message>
        <source>读卡器未连接</source>
        <translation>Card reader not connected</translation>
    </message>
</context>
<context>
    <name>DeviceSimulatorWindow</name>
    <message>
        <source>已放卡：{card}</source>
        <translation>Card placed: {card}</translation>
    </message>
    <message>
        <source>已取走身份证</source>
        <translation>ID card removed</translation>
    </message>
    <message>
        <source>已扫码</source>
        <translation>Code scanned</translation>
    </message>
    <message>
        <source>本机还没有办件，先在自助终端办一件事。</source>
        <translation>No cases on this terminal yet; apply for something at the kiosk first.</translation>
    </message>
    <message>
        <source>{printer} 第 {n} 份 {time}</source>
        <translation>{printer} job {n} at {time}</translation>
    </message>
    <message>
        <source>设备模拟器（演示）</source>
        <translation>Device simulator (demo)</translation>
    </message>
    <message>
        <source>设备已就绪：放卡、扫码，打印的凭条和证照显示在下方。</source>
        <translation>Devices ready: place cards, scan codes; printed slips and licences appear below.</translation>
    </message>
    <message>
        <source>正在等待终端设备启动…</source>
        <translation>Waiting for the terminal&apos;s devices to start…</translation>
    </message>
    <message>
        <source>身份证读卡器</source>
        <translation>ID card reader</translation>
    </message>
    <message>
        <source>取走身份证</source>
        <translation>Remove the ID card</translation>
    </message>
    <message>
        <source>二维码扫描器</source>
        <translation>QR code scanner</translation>
    </message>
    <message>
        <source>受理回执二维码</source>
        <translation>Receipt QR code</translation>
    </message>
    <message>
        <source>被篡改的回执二维码</source>
        <translation>Altered receipt QR code</translation>
    </message>
    <message>
        <source>电子证照亮证码</source>
        <translation>E-licence code</translation>
    </message>
    <message>
        <source>非本系统二维码</source>
        <translation>Someone else&apos;s QR code</translation>
    </message>
    <message>
        <source>输入任意内容模拟扫码</source>
        <translation>Type anything to scan it</translation>
    </message>
    <message>
        <source>扫码</source>
        <translation>Scan</translation>
    </message>
    <message>
        <source>打印机（打印件显示为图片）</source>
        <translation>Printers (printouts shown as pictures)</translation>
    </message>
    <message>
        <source>凭条打印机</source>
        <translation>Receipt printer</translation>
    </message>
    <message>
        <source>A4 打印机</source>
        <translation>A4 printer</translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <source>正常</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>无应答</source>
        <translation>no answer</translation>
    </message>
    <message>
        <source>未连接</source>
        <translation>not connected</translation>
    </message>
    <message>
        <source>硬件故障</source>
        <translation>hardware fault</translation>
    </message>
    <message>
        <source>需人工处理</source>
        <translation>needs attention</translation>
    </message>
    <message>
        <source>忙</source>
        <translation>busy</translation>
    </message>
    <message>
        <source>设备配置有误（{code}）：请检查驱动和参数后点“保存并连接”。</source>
        <translation>The device configuration is wrong ({code}): check driver and parameters, then press Save and connect.</translation>
    </message>
    <message>
        <source>设备工作正常，可以用下面的按钮测试。</source>
        <translation>The device works; test it with the buttons below.</translation>
    </message>
    <message>
        <source>打不开端口 {port}：请检查线缆是否插好、端口是否选对，改好后点“保存并连接”。</source>
        <translation>Cannot open port {port}: check the cable and that the right port is chosen, then press Save and connect.</translation>
    </message>
    <message>
        <source>端口已打开但设备没有应答：请检查设备电源和波特率。</source>
        <translation>The port opens but the device does not answer: check its power and the baud rate.</translation>
    </message>
    <message>
        <source>设备报告硬件故障：请关掉设备电源再打开，仍不行请更换设备。</source>
        <translation>The device reports a hardware fault: power it off and on, else replace it.</translation>
    </message>
    <message>
        <source>设备需要人工处理（如缺纸、盖子未合好）：处理后会自动恢复。</source>
        <translation>The device needs a person (paper out, cover open): it recovers by itself once fixed.</translation>
    </message>
    <message>
        <source>设备正忙，请稍候。</source>
        <translation>The device is busy, please wait.</translation>
    </message>
    <message>
        <source>设备没有连接上：请检查线缆和电源，确认驱动和端口后点“保存并连接”。</source>
        <translation>The device is not connected: check cable and power, confirm driver and port, then press Save and connect.</translation>
    </message>
    <message>
        <source>未选择设备</source>
        <translation>No device chosen</translation>
    </message>
    <message>
        <source>本机还没有配置设备：在左下角选择设备名称后点“添加”。</source>
        <translation>No devices configured yet: pick a device name at the bottom left and press Add.</translation>
    </message>
    <message>
        <source>没有找到可用的{what}</source>
        <translation>No {what} found</translation>
    </message>
    <message>
        <source>设备启动失败：{reason}</source>
        <translation>The device did not start: {reason}</translation>
    </message>
    <message>
        <source>保存失败：{reason}</source>
        <translation>Saving failed: {reason}</translation>
    </message>
    <message>
        <source>已保存：{params}</source>
        <translation>Saved: {params}</translation>
    </message>
    <message>
        <source>已保存；本机设备由主程序管理，重启程序后按新设置连接。</source>
        <translation>Saved; the devices are run by the main program and reconnect with the new settings after a restart.</translation>
    </message>
    <message>
        <source>正在按新设置连接设备，请稍候…</source>
        <translation>Connecting the device with the new settings…</translation>
    </message>
    <message>
        <source>设备名称为空或已存在：请换一个名称。</source>
        <translation>The device name is empty or taken: choose another.</translation>
    </message>
    <message>
        <source>已添加：选择驱动和端口后点“保存并连接”。</source>
        <translation>Added: choose the driver and port, then press Save and connect.</translation>
    </message>
    <message>
        <source>检测中</source>
        <translation>checking</translation>
    </message>
    <message>
        <source>正在连接设备，请稍候…</source>
        <translation>Connecting the device…</translation>
    </message>
    <message>
        <source>（暂无事件）</source>
        <translation>(no events yet)</translation>
    </message>
    <message>
        <source>请在读卡器上放一张身份证（或员工卡）…</source>
        <translation>Place an ID card (or staff card) on the reader…</translation>
    </message>
    <message>
        <source>请把二维码对准扫码器…</source>
        <translation>Hold a QR code to the scanner…</translation>
    </message>
    <message>
        <source>读到证件 {id}</source>
        <translation>card read {id}</translation>
    </message>
    <message>
        <source>读卡成功：{name}，证件号 {id}，有效期至 {valid}</source>
        <translation>Card read: {name}, ID {id}, valid to {valid}</translation>
    </message>
    <message>
        <source>长期</source>
        <translation>long-term</translation>
    </message>
    <message>
        <source>扫到 {n} 个字符</source>
        <translation>scanned {n} characters</translation>
    </message>
    <message>
        <source>扫码成功：{text}</source>
        <translation>Scanned: {text}</translation>
    </message>
    <message>
        <source>设备还没有连接上，不能打印：请先点“保存并连接”。</source>
        <translation>The device is not connected, so it cannot print: press Save and connect first.</translation>
    </message>
    <message>
        <source>正在打印测试页…</source>
        <translation>Printing the test page…</translation>
    </message>
    <message>
        <source>这台设备不是打印机。</source>
        <translation>This device is not a printer.</translation>
    </message>
    <message>
        <source>测试页已打印：请检查中文和二维码是否清晰（二维码内容 {code}）。</source>
        <translation>Test page printed: check that the Chinese text and the QR code are clear (QR text {code}).</translation>
    </message>
    <message>
        <source>测试页没有打印成功：{reason}</source>
        <translation>The test page did not print: {reason}</translation>
    </message>
    <message>
        <source>设备</source>
        <translation>Devices</translation>
    </message>
    <message>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>驱动</source>
        <translation>Driver</translation>
    </message>
    <message>
        <source>保存并连接</source>
        <translation>Save and connect</translation>
    </message>
    <message>
        <source>刷新端口列表</source>
        <translation>Refresh ports</translation>
    </message>
    <message>
        <source>测试</source>
        <translation>Tests</translation>
    </message>
    <message>
        <source>读卡测试</source>
        <translation>Card test</translation>
    </message>
    <message>
        <source>打印测试页</source>
        <translation>Print test page</translation>
    </message>
    <message>
        <source>扫码测试</source>
        <translation>Scan test</translation>
    </message>
    <message>
        <source>摄像头预览</source>
        <translation>Camera preview</translation>
    </message>
    <message>
        <source>事件记录</source>
        <translation>Event log</translation>
    </message>
</context>
<context>
    <name>DiagnosticsPage</name>
    <message>
        <source>正在生成诊断包，请稍候…</source>
        <translation>Writing the diagnostics package…</translation>
    </message>
    <message>
        <source>已生成：{path}</source>
        <translation>Written: {path}</translation>
    </message>
    <message>
        <source>诊断包已生成，请把文件拷到 U 盘发给技术支持；文件中不含个人信息和密钥。</source>
        <translation>The diagnostics package is written; copy it to a USB stick for support. It holds no personal data or secrets.</translation>
    </message>
    <message>
        <source>诊断包生成失败：{reason} 请检查磁盘空间后重试。</source>
        <translation>Writing the diagnostics package failed: {reason} Check the disk space and try again.</translation>
    </message>
    <message>
        <source>恢复出厂设置失败：{reason}</source>
        <translation>Factory reset failed: {reason}</translation>
    </message>
    <message>
        <source>已恢复出厂设置：{settings} 项设置恢复默认，删除 {devices} 台设备；请重启程序。</source>
        <translation>Factory reset done: {settings} settings back to default, {devices} devices removed; restart the program.</translation>
    </message>
    <message>
        <source>需要技术支持时点“导出诊断包”；恢复出厂设置前请先导出。</source>
        <translation>Press Export diagnostics when support asks; export before a factory reset.</translation>
    </message>
    <message>
        <source>还有 {n} 条办件数据未上传到平台，现在不能恢复出厂设置；请先到“连接”页检查平台连接。</source>
        <translation>{n} outbox rows have not reached the platform, so factory reset is not possible now; check the platform link on the Links page first.</translation>
    </message>
    <message>
        <source>诊断导出</source>
        <translation>Diagnostics export</translation>
    </message>
    <message>
        <source>诊断包</source>
        <translation>Diagnostics package</translation>
    </message>
    <message>
        <source>打包版本信息、设置（密钥已隐去）、设备状态和最近事件、最近的日志、待上传数量和审计链校验结果，不含任何个人信息。</source>
        <translation>Packs versions, settings (secrets hidden), device status and recent events, the latest log lines, outbox counts and the audit chain check; no personal data.</translation>
    </message>
    <message>
        <source>导出诊断包</source>
        <translation>Export diagnostics</translation>
    </message>
    <message>
        <source>恢复出厂设置</source>
        <translation>Factory reset</translation>
    </message>
    <message>
        <source>所有设置恢复默认、删除设备配置；本机办件记录保留，已上传办件的个人信息立即清除。有未上传的办件时不能执行。请输入“{word}”后点按钮。</source>
        <translation>All settings return to default and the device configuration is removed; local case records stay, personal data of synced cases is purged now. Not possible while cases are unsent. Type “{word}” and press the button.</translation>
    </message>
</context>
<context>
    <name>DocumentOnScreen</name>
    <message>
        <source>排队号</source>
        <translation>Ticket number</translation>
    </message>
    <message>
        <source>业务</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>前面等候人数</source>
        <translation>People ahead</translation>
    </message>
    <message>
        <source>取号时间</source>
        <translation>Taken at</translation>
    </message>
    <message>
        <source>证号</source>
        <translation>Licence number</translation>
    </message>
    <message>
        <source>证照</source>
        <translation>Licence</translation>
    </message>
    <message>
        <source>持证单位</source>
        <translation>Holder</translation>
    </message>
    <message>
        <source>有效期</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>办件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Service item</translation>
    </message>
    <message>
        <source>承诺办结日期</source>
        <translation>Promised completion</translation>
    </message>
    <message>
        <source>受理时间</source>
        <translation>Accepted at</translation>
    </message>
    <message>
        <source>排队凭条</source>
        <translation>queue ticket</translation>
    </message>
    <message>
        <source>受理回执</source>
        <translation>acceptance receipt</translation>
    </message>
    <message>
        <source>一次性告知书</source>
        <translation>one-time notice</translation>
    </message>
    <message>
        <source>容缺受理通知书</source>
        <translation>tolerance acceptance notice</translation>
    </message>
    <message>
        <source>不予受理通知书</source>
        <translation>refusal notice</translation>
    </message>
    <message>
        <source>许可证</source>
        <translation>licence</translation>
    </message>
    <message>
        <source>办件进度</source>
        <translation>case progress</translation>
    </message>
    <message>
        <source>您的{kind}</source>
        <translation>Your {kind}</translation>
    </message>
    <message>
        <source>任一窗口或自助终端均可凭此码查询、补打。</source>
        <translation>Any counter or kiosk can look up or reprint this document with this code.</translation>
    </message>
    <message>
        <source>我已拍照</source>
        <translation>I have taken a photo</translation>
    </message>
</context>
<context>
    <name>EntryTile</name>
    <message>
        <source>一件事</source>
        <translation>Bundle</translation>
    </message>
    <message>
        <source>秒批</source>
        <translation>Instant</translation>
    </message>
</context>
<context>
    <name>EvaluationScreen</name>
    <message>
        <source>等候时间长</source>
        <translation>Long wait</translation>
    </message>
    <message>
        <source>操作太复杂</source>
        <translation>Too complicated</translation>
    </message>
    <message>
        <source>看不懂提示</source>
        <translation>Hard to understand</translation>
    </message>
    <message>
        <source>设备有故障</source>
        <translation>Device fault</translation>
    </message>
    <message>
        <source>没能办成</source>
        <translation>Could not finish</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>请对本次服务评价</source>
        <translation>Please rate this service</translation>
    </message>
    <message>
        <source>非常满意</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>基本满意</source>
        <translation>Fairly satisfied</translation>
    </message>
    <message>
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <source>非常不满意</source>
        <translation>Very dissatisfied</translation>
    </message>
    <message>
        <source>请告诉我们哪里不满意（可多选）：</source>
        <translation>Please tell us what went wrong (choose any):</translation>
    </message>
    <message>
        <source>跳过</source>
        <translation>Skip</translation>
    </message>
    <message>
        <source>提交评价</source>
        <translation>Submit rating</translation>
    </message>
</context>
<context>
    <name>EvaluatorWindow</name>
    <message>
        <source>请至少选择一项原因</source>
        <translation>Please choose at least one reason</translation>
    </message>
    <message>
        <source>感谢您的评价！</source>
        <translation>Thank you for your rating!</translation>
    </message>
    <message>
        <source>服务评价</source>
        <translation>Rate our service</translation>
    </message>
    <message>
        <source>{counter} 号窗口  工作人员 {name}</source>
        <translation>Counter {counter}  Clerk {name}</translation>
    </message>
    <message>
        <source>工号 {number}</source>
        <translation>Staff no. {number}</translation>
    </message>
    <message>
        <source>{counter} 号窗口</source>
        <translation>Counter {counter}</translation>
    </message>
    <message>
        <source>暂停服务</source>
        <translation>Out of service</translation>
    </message>
    <message>
        <source>正在办理</source>
        <translation>Now serving</translation>
    </message>
    <message>
        <source>欢迎您</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <source>请稍候</source>
        <translation>Please wait</translation>
    </message>
    <message>
        <source>请您对本次服务作出评价</source>
        <translation>Please rate this service</translation>
    </message>
    <message>
        <source>请告诉我们哪里做得不好（可多选）</source>
        <translation>Tell us what went wrong (choose any)</translation>
    </message>
    <message>
        <source>其他意见（可不填）</source>
        <translation>Other comments (optional)</translation>
    </message>
    <message>
        <source>提交评价</source>
        <translation>Submit rating</translation>
    </message>
</context>
<context>
    <name>FormScreen</name>
    <message>
        <source>已从身份证读取，不用修改</source>
        <translation>Read from your ID card; no need to change</translation>
    </message>
    <message>
        <source>填写申请表：{name}</source>
        <translation>Application form: {name}</translation>
    </message>
</context>
<context>
    <name>GuideScreen</name>
    <message>
        <source>一件事一次办：一次申请，多个部门联办。</source>
        <translation>One application, handled by several departments together.</translation>
    </message>
    <message>
        <source>办理时限：{limit}</source>
        <translation>Time limit: {limit}</translation>
    </message>
    <message>
        <source>当场办结</source>
        <translation>Done on the spot</translation>
    </message>
    <message>
        <source>收费：{fee}</source>
        <translation>Fee: {fee}</translation>
    </message>
    <message>
        <source>不收费</source>
        <translation>Free of charge</translation>
    </message>
    <message>
        <source>秒批：符合条件的，审核通过后当场打印证照</source>
        <translation>Instant approval: if you qualify, the licence prints on the spot</translation>
    </message>
    <message>
        <source>受理后由工作人员审核，办好后通知您</source>
        <translation>Staff review it after acceptance and tell you when it is done</translation>
    </message>
    <message>
        <source>怎么办</source>
        <translation>How it works</translation>
    </message>
    <message>
        <source>要准备的材料</source>
        <translation>What to bring</translation>
    </message>
    <message>
        <source>（可容缺后补）</source>
        <translation> (may be supplied later)</translation>
    </message>
    <message>
        <source>时限与费用</source>
        <translation>Time and fee</translation>
    </message>
    <message>
        <source>本事项请到 {place} 办理（{hours}）。</source>
        <translation>Please apply for this at {place} ({hours}).</translation>
    </message>
    <message>
        <source>包含的事项（点选可查看说明）：</source>
        <translation>Services included (tap one to read its guide):</translation>
    </message>
    <message>
        <source>{name}（需到窗口办理）</source>
        <translation>{name} (at a counter only)</translation>
    </message>
    <message>
        <source>要准备的材料（每样只交一次）</source>
        <translation>What to bring (each document only once)</translation>
    </message>
    <message>
        <source>其中“{names}”需要到人工窗口办理，这件事请到大厅的人工窗口一次办好。</source>
        <translation>“{names}” can only be handled at a counter, so please apply for all of this at a service counter in the hall, in one visit.</translation>
    </message>
    <message>
        <source>开始办理</source>
        <translation>Apply now</translation>
    </message>
</context>
<context>
    <name>HallDisplayWindow</name>
    <message>
        <source>请 {number} 号
到 {counter} 号窗口办理</source>
        <translation>Ticket {number},
please go to counter {counter}</translation>
    </message>
    <message>
        <source>请 {number} 号
到 {counter} 办理</source>
        <translation>Ticket {number},
please go to {counter}</translation>
    </message>
    <message>
        <source>叫号屏</source>
        <translation>Call display</translation>
    </message>
    <message>
        <source>暂无叫号</source>
        <translation>No calls yet</translation>
    </message>
    <message>
        <source>最近叫号</source>
        <translation>Recent calls</translation>
    </message>
    <message>
        <source>{number} 号&#x3000;→&#x3000;{counter} 号窗口</source>
        <translation>{number}&#x3000;→&#x3000;Counter {counter}</translation>
    </message>
    <message>
        <source>{number} 号&#x3000;→&#x3000;{counter}</source>
        <translation>{number}&#x3000;→&#x3000;{counter}</translation>
    </message>
    <message>
        <source>暂无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>等候人数</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>排队服务连接中断，正在重连…</source>
        <translation>Queue service disconnected, reconnecting…</translation>
    </message>
    <message>
        <source>语音不可用</source>
        <translation>Voice unavailable</translation>
    </message>
    <message>
        <source>暂无等候</source>
        <translation>Nobody waiting</translation>
    </message>
    <message numerus="yes">
        <source>%n 人</source>
        <translation>
            <numerusform>%n waiting</numerusform>
            <numerusform>%n waiting</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IdentifyScreen</name>
    <message>
        <source>正在核验电子证照，请稍候……</source>
        <translation>Checking your e-licence, one moment…</translation>
    </message>
    <message>
        <source>暂时无法核验电子证照，请刷身份证，或到人工窗口办理。</source>
        <translation>Your e-licence cannot be checked right now. Please use your ID card, or go to a counter.</translation>
    </message>
    <message>
        <source>请刷身份证，或出示电子证照二维码</source>
        <translation>Place your ID card, or show your e-licence QR code</translation>
    </message>
    <message>
        <source>读卡器暂时不能使用。请用手机打开电子证照二维码，对准右侧扫码口。</source>
        <translation>The card reader is not available. Open your e-licence QR code on your phone and hold it to the scanner on the right.</translation>
    </message>
    <message>
        <source>把身份证平放在屏幕下方的读卡区，听到“嘀”声后稍等一秒。</source>
        <translation>Lay your ID card flat on the reader below the screen; after the beep, wait a second.</translation>
    </message>
    <message>
        <source>没带身份证？</source>
        <translation>No ID card with you?</translation>
    </message>
    <message>
        <source>请扫电子证照二维码</source>
        <translation>Scan your e-licence QR code</translation>
    </message>
    <message>
        <source>打开手机上的电子证照（如“湘易办”），出示“亮证”二维码，对准扫码口。</source>
        <translation>Open the e-licence app on your phone (such as Xiangyiban), show its QR code and hold it to the scanner.</translation>
    </message>
    <message>
        <source>返回首页</source>
        <translation>Back to start</translation>
    </message>
</context>
<context>
    <name>JourneyPage</name>
    <message>
        <source>第 {n} 步，共 {total} 步</source>
        <translation>Step {n} of {total}</translation>
    </message>
    <message>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
</context>
<context>
    <name>JourneyScreen</name>
    <message>
        <source>打印机暂时无法使用，请用手机拍下右侧二维码，或凭二维码到大厅服务台领取打印件。</source>
        <translation>The printer is not available right now. Take a photo of the QR code on the right, or show it at the service desk to collect a printout.</translation>
    </message>
    <message>
        <source>暂时无法出具文书</source>
        <translation>The document cannot be issued right now</translation>
    </message>
    <message>
        <source>请到大厅服务台办理打印。</source>
        <translation>Please ask at the service desk for a printout.</translation>
    </message>
    <message>
        <source>返回首页</source>
        <translation>Back to start</translation>
    </message>
</context>
<context>
    <name>KioskHomeScreen</name>
    <message>
        <source>您好！请选择要办理的业务</source>
        <translation>Welcome! Please choose a service</translation>
    </message>
    <message>
        <source>办事</source>
        <translation>Apply</translation>
    </message>
    <message>
        <source>刷身份证或扫电子证照，在线办理政务服务事项</source>
        <translation>Tap your ID card or scan your e-licence to apply for a service</translation>
    </message>
    <message>
        <source>取号</source>
        <translation>Take a ticket</translation>
    </message>
    <message>
        <source>领取排队号，到人工窗口办理</source>
        <translation>Get a queue number for a staffed counter</translation>
    </message>
    <message>
        <source>查进度</source>
        <translation>Track progress</translation>
    </message>
    <message>
        <source>查询已提交办件的办理进度</source>
        <translation>See how a submitted application is going</translation>
    </message>
    <message>
        <source>打印证照</source>
        <translation>Print documents</translation>
    </message>
    <message>
        <source>打印已办结的证照和办理结果</source>
        <translation>Print licences and results of finished applications</translation>
    </message>
    <message>
        <source>办事指南</source>
        <translation>Service guides</translation>
    </message>
    <message>
        <source>查看办理条件、所需材料和流程</source>
        <translation>Requirements, documents to bring and steps</translation>
    </message>
    <message>
        <source>办理业务时，请将身份证平放在屏幕下方的读卡区</source>
        <translation>To begin, place your ID card flat on the card reader below the screen</translation>
    </message>
</context>
<context>
    <name>KioskMainWindow</name>
    <message>
        <source>该功能即将开放，请到人工窗口办理</source>
        <translation>This service is coming soon. Please go to a staffed counter.</translation>
    </message>
    <message>
        <source>身份证信息没有读好，请把身份证拿起来重新平放；仍不行请到人工窗口办理。</source>
        <translation>The ID card was not read properly. Lift it and lay it flat again; if that fails, please go to a counter.</translation>
    </message>
    <message>
        <source>您的身份证已取走</source>
        <translation>Your ID card was removed</translation>
    </message>
    <message>
        <source>是否继续办理？选择“结束办理”将清除您本次填写的信息。</source>
        <translation>Do you want to continue? “End” clears everything you entered.</translation>
    </message>
    <message>
        <source>继续办理</source>
        <translation>Continue</translation>
    </message>
    <message>
        <source>结束办理</source>
        <translation>End</translation>
    </message>
    <message>
        <source>暂时无法切换语言，请继续使用中文界面。</source>
        <translation>The language cannot be changed right now; the screen stays in Chinese.</translation>
    </message>
    <message>
        <source>政务服务自助终端</source>
        <translation>Government services self-service kiosk</translation>
    </message>
    <message>
        <source>长者模式</source>
        <translation>Senior mode</translation>
    </message>
    <message>
        <source>退出长者模式</source>
        <translation>Exit senior mode</translation>
    </message>
    <message>
        <source>大字体、高对比度</source>
        <translation>Large text, high contrast</translation>
    </message>
</context>
<context>
    <name>KioskSettingsPage</name>
    <message>
        <source>自助终端设置</source>
        <translation>Kiosk settings</translation>
    </message>
    <message>
        <source>服务与界面</source>
        <translation>Service and interface</translation>
    </message>
    <message>
        <source>各类文书使用的打印机（none 表示不打印，进入补打队列）</source>
        <translation>Printer per document type (none: do not print, queue for reprint)</translation>
    </message>
    <message>
        <source>技术维护密码</source>
        <translation>Technician PIN</translation>
    </message>
    <message>
        <source>新密码（6-12 位数字）</source>
        <translation>New PIN (6-12 digits)</translation>
    </message>
    <message>
        <source>再输入一次</source>
        <translation>Repeat the PIN</translation>
    </message>
    <message>
        <source>已设置密码：可在自助终端和窗口通过隐藏手势进入技术维护。留空表示不修改。</source>
        <translation>A PIN is set: the technician console opens from the kiosk and counter through the hidden gesture. Leave empty to keep it.</translation>
    </message>
    <message>
        <source>未设置密码：自助终端和窗口不能进入技术维护。</source>
        <translation>No PIN set: the technician console cannot be opened from a kiosk or counter.</translation>
    </message>
    <message>
        <source>密码应为 6-12 位数字。</source>
        <translation>The PIN must be 6-12 digits.</translation>
    </message>
    <message>
        <source>两次输入的密码不一致。</source>
        <translation>The two PINs differ.</translation>
    </message>
</context>
<context>
    <name>LinksPage</name>
    <message>
        <source>连接正常，认证通过。</source>
        <translation>Link works, authentication passed.</translation>
    </message>
    <message>
        <source>但本机时钟与服务器相差 {s} 秒，请校准系统时间（NTP）。</source>
        <translation> But this terminal&apos;s clock is {s} s off the server&apos;s: set the system time (NTP).</translation>
    </message>
    <message>
        <source>未填写排队服务地址：本机在进程内运行排队服务（单机或演示）；联网大厅请填写地址和令牌。</source>
        <translation>No queue server address: the queue runs in this process (single terminal or demo); for a networked hall fill in address and token.</translation>
    </message>
    <message>
        <source>未填写平台地址或签名密钥：请按平台下发的注册信息填写后再测试。</source>
        <translation>No platform address or secret: fill them in from the enrolment data, then test.</translation>
    </message>
    <message>
        <source>认证失败：排队服务拒绝了本机令牌，请核对令牌后重试。</source>
        <translation>Authentication failed: the queue server refused our token; check it and try again.</translation>
    </message>
    <message>
        <source>认证失败：平台拒绝了本机签名，请核对终端编号和签名密钥。</source>
        <translation>Authentication failed: the platform refused our signature; check the terminal id and secret.</translation>
    </message>
    <message>
        <source>本机时钟相差 {s} 秒，也会导致认证失败，请先校准时间。</source>
        <translation> The clock is {s} s off, which also fails authentication: set the time first.</translation>
    </message>
    <message>
        <source>连接不上 {target}：请检查网线、地址和端口，并确认服务已启动。</source>
        <translation>Cannot connect to {target}: check the cable, address and port, and that the service runs.</translation>
    </message>
    <message>
        <source>{target} 没有及时应答：请检查网络是否通畅，或加大请求超时后重试。</source>
        <translation>{target} did not answer in time: check the network, or raise the request timeout and try again.</translation>
    </message>
    <message>
        <source>证书校验失败：请检查 CA 证书和客户端证书文件是否正确、是否过期。</source>
        <translation>Certificate check failed: check that the CA and client certificate files are right and not expired.</translation>
    </message>
    <message>
        <source>服务器出错：请稍后重试，仍不行请联系服务器管理员。</source>
        <translation>The server failed: try again later, then call its administrator.</translation>
    </message>
    <message>
        <source>对方的应答不符合接口约定：请确认地址指向的是正确的服务。</source>
        <translation>The reply does not match the interface: check that the address points at the right service.</translation>
    </message>
    <message>
        <source>可达</source>
        <translation>reachable</translation>
    </message>
    <message>
        <source>不可达</source>
        <translation>unreachable</translation>
    </message>
    <message>
        <source>往返 {ms} 毫秒</source>
        <translation>round trip {ms} ms</translation>
    </message>
    <message>
        <source>时钟相差 {s} 秒</source>
        <translation>clock skew {s} s</translation>
    </message>
    <message>
        <source>认证通过</source>
        <translation>authenticated</translation>
    </message>
    <message>
        <source>认证失败</source>
        <translation>authentication failed</translation>
    </message>
    <message>
        <source>连接</source>
        <translation>Links</translation>
    </message>
    <message>
        <source>大厅排队服务</source>
        <translation>Hall queue server</translation>
    </message>
    <message>
        <source>政务服务平台</source>
        <translation>Central service platform</translation>
    </message>
    <message>
        <source>测试连接</source>
        <translation>Test links</translation>
    </message>
    <message>
        <source>未测试</source>
        <translation>not tested</translation>
    </message>
    <message>
        <source>填写地址和密钥后点“测试连接”，可先测试再保存。</source>
        <translation>Fill in the addresses and secrets, then press Test links; you can test before saving.</translation>
    </message>
    <message>
        <source>有填写不正确的项：{reason}</source>
        <translation>A row is wrong: {reason}</translation>
    </message>
    <message>
        <source>测试中…</source>
        <translation>testing…</translation>
    </message>
    <message>
        <source>正在测试连接，请稍候…</source>
        <translation>Testing the links…</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>未配置</source>
        <translation>Not configured</translation>
    </message>
    <message>
        <source>异常</source>
        <translation>failed</translation>
    </message>
    <message>
        <source>两条连接都正常。</source>
        <translation>Both links work.</translation>
    </message>
    <message>
        <source>测试没有完成：{reason}</source>
        <translation>The test did not finish: {reason}</translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <source>本机未配置工作人员，请联系技术人员。</source>
        <translation>No clerks are configured on this terminal; call a technician.</translation>
    </message>
    <message>
        <source>请输入工作证密码。</source>
        <translation>Enter your staff card PIN.</translation>
    </message>
    <message>
        <source>请输入用户名和密码，或刷工作证。</source>
        <translation>Enter user name and password, or tap your staff card.</translation>
    </message>
    <message>
        <source>正在验证……</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>登录失败，请重试。</source>
        <translation>Login failed, please try again.</translation>
    </message>
    <message>
        <source>工作人员登录</source>
        <translation>Clerk login</translation>
    </message>
    <message>
        <source>输入用户名和密码，或将工作证放在读卡器上后输入工作证密码。</source>
        <translation>Enter user name and password, or place your staff card on the reader and enter its PIN.</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>工作证密码</source>
        <translation>Card PIN</translation>
    </message>
    <message>
        <source>已读取工作证，请输入工作证密码。</source>
        <translation>Staff card read; enter its PIN.</translation>
    </message>
    <message>
        <source>登录  (Enter)</source>
        <translation>Log in  (Enter)</translation>
    </message>
    <message>
        <source>例如 zhangwei</source>
        <translation>e.g. zhangwei</translation>
    </message>
</context>
<context>
    <name>MaterialsScreen</name>
    <message>
        <source>（可选）</source>
        <translation> (optional)</translation>
    </message>
    <message>
        <source>用电子证照</source>
        <translation>Use e-licence</translation>
    </message>
    <message>
        <source>拍照上传</source>
        <translation>Photograph</translation>
    </message>
    <message>
        <source>容缺后补</source>
        <translation>Supply later</translation>
    </message>
    <message>
        <source>已通过刷身份证核验，不用提交</source>
        <translation>Verified by your ID card; nothing to hand in</translation>
    </message>
    <message>
        <source>已通过电子证照核验，不用提交</source>
        <translation>Verified by your e-licence; nothing to hand in</translation>
    </message>
    <message>
        <source>下一步在屏幕上签署</source>
        <translation>Signed on screen in the next step</translation>
    </message>
    <message>
        <source>请选择提交方式</source>
        <translation>Please choose how to provide it</translation>
    </message>
    <message>
        <source>可以不交</source>
        <translation>Not required</translation>
    </message>
    <message>
        <source>✔ 已调用电子证照</source>
        <translation>✔ E-licence used</translation>
    </message>
    <message>
        <source>✔ 已拍照</source>
        <translation>✔ Photographed</translation>
    </message>
    <message>
        <source>✔ 容缺：请在30天内补交</source>
        <translation>✔ To be supplied within 30 days</translation>
    </message>
    <message>
        <source>提交材料</source>
        <translation>Materials</translation>
    </message>
</context>
<context>
    <name>MyDayScreen</name>
    <message>
        <source>未连接叫号服务</source>
        <translation>Not connected to the queue service</translation>
    </message>
    <message numerus="yes">
        <source>%n 人</source>
        <translation>
            <numerusform>%n waiting</numerusform>
            <numerusform>%n waiting</numerusform>
        </translation>
    </message>
    <message>
        <source>暂无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>{minutes} 分 {seconds} 秒</source>
        <translation>{minutes} min {seconds} s</translation>
    </message>
    <message numerus="yes">
        <source>%n 件</source>
        <translation>
            <numerusform>%n case</numerusform>
            <numerusform>%n cases</numerusform>
        </translation>
    </message>
    <message>
        <source>今日评价（共 {total} 条）</source>
        <translation>Ratings today ({total})</translation>
    </message>
    <message>
        <source>我的今日</source>
        <translation>My day</translation>
    </message>
    <message>
        <source>已服务</source>
        <translation>Served</translation>
    </message>
    <message>
        <source>平均办理时长</source>
        <translation>Average service time</translation>
    </message>
    <message>
        <source>经办办件</source>
        <translation>Cases handled</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
</context>
<context>
    <name>NoticeBanner</name>
    <message>
        <source>知道了</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>概览</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>设备</source>
        <translation>Devices</translation>
    </message>
    <message>
        <source>连接</source>
        <translation>Links</translation>
    </message>
    <message>
        <source>本机未配置设备（配置文件的 [devices] 表为空）</source>
        <translation>No devices configured (the [devices] table of the config file is empty)</translation>
    </message>
    <message>
        <source>身份证阅读器</source>
        <translation>ID card reader</translation>
    </message>
    <message>
        <source>凭条打印机</source>
        <translation>Receipt printer</translation>
    </message>
    <message>
        <source>A4 打印机</source>
        <translation>A4 printer</translation>
    </message>
    <message>
        <source>扫码器</source>
        <translation>QR scanner</translation>
    </message>
    <message>
        <source>工作人员卡读卡器</source>
        <translation>Staff card reader</translation>
    </message>
    <message>
        <source>高拍仪</source>
        <translation>Document camera</translation>
    </message>
    <message>
        <source>未检测</source>
        <translation>Not checked</translation>
    </message>
    <message>
        <source>大厅排队服务</source>
        <translation>Hall queue server</translation>
    </message>
    <message>
        <source>政务服务平台</source>
        <translation>Central service platform</translation>
    </message>
    <message>
        <source>未配置</source>
        <translation>Not configured</translation>
    </message>
</context>
<context>
    <name>PrintResultsScreen</name>
    <message>
        <source>暂时无法查询</source>
        <translation>Cannot look this up right now</translation>
    </message>
    <message>
        <source>请到大厅服务台打印证照。</source>
        <translation>Please ask at the service desk to print your licence.</translation>
    </message>
    <message>
        <source>正在查找您的证照…</source>
        <translation>Looking for your licences…</translation>
    </message>
    <message>
        <source>请稍候。</source>
        <translation>One moment, please.</translation>
    </message>
    <message>
        <source>请稍候再试，或到大厅服务台打印证照。</source>
        <translation>Please try again shortly, or ask at the service desk to print your licence.</translation>
    </message>
    <message>
        <source>没有可打印的证照</source>
        <translation>No licences to print</translation>
    </message>
    <message>
        <source>本机没有查到您已办结、可当场打印的证照。办理中的事项可在“查进度”查看；其他渠道办结的证照，请到综合窗口领取。</source>
        <translation>This kiosk has no completed licence of yours to print. Cases in progress are shown under “Track progress”; licences from other channels are collected at a counter.</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>暂时无法打印这份证照，请到大厅服务台打印。</source>
        <translation>This licence cannot be printed right now; please ask at the service desk.</translation>
    </message>
    <message>
        <source>正在打印{name}…</source>
        <translation>Printing {name}…</translation>
    </message>
    <message>
        <source>{name}已打印，请从下方出纸口取走。</source>
        <translation>{name} printed. Please take it from the tray below.</translation>
    </message>
    <message>
        <source>您有 {n} 份可打印的证照，点“打印”即可重新打印：</source>
        <translation>You have {n} licence(s) to print. Tap “Print” to print one again:</translation>
    </message>
    <message>
        <source>打印证照：请刷身份证，或出示电子证照二维码</source>
        <translation>Print documents: place your ID card, or show your e-licence QR code</translation>
    </message>
    <message>
        <source>打印证照</source>
        <translation>Print documents</translation>
    </message>
</context>
<context>
    <name>ProgressScreen</name>
    <message>
        <source>本机暂时无法核验二维码，请到人工窗口查询。</source>
        <translation>This kiosk cannot check QR codes right now; please ask at a counter.</translation>
    </message>
    <message>
        <source>这是排队凭条。查询办件进度，请扫描受理回执或许可证上的二维码。</source>
        <translation>This is a queue ticket. To track a case, scan the QR code on the receipt or the licence.</translation>
    </message>
    <message>
        <source>这是进度查询结果。查询最新进度，请扫描受理回执上的二维码，或刷身份证。</source>
        <translation>This is a progress printout. For the latest progress, scan the QR code on the receipt, or use your ID card.</translation>
    </message>
    <message>
        <source>无法查询</source>
        <translation>Cannot look this up</translation>
    </message>
    <message>
        <source>重新扫描</source>
        <translation>Scan again</translation>
    </message>
    <message>
        <source>本机暂时无法查询，请到人工窗口查询。</source>
        <translation>This kiosk cannot look cases up right now; please ask at a counter.</translation>
    </message>
    <message>
        <source>正在查询…</source>
        <translation>Looking up…</translation>
    </message>
    <message>
        <source>请稍候。</source>
        <translation>One moment, please.</translation>
    </message>
    <message>
        <source>暂时无法查询，请稍候再试，或到人工窗口查询。</source>
        <translation>Cannot look this up right now. Please try again shortly, or ask at a counter.</translation>
    </message>
    <message>
        <source>没有查到办件</source>
        <translation>No cases found</translation>
    </message>
    <message>
        <source>本机没有查到您的办件记录。通过其他渠道或其他大厅申请的事项，请到综合窗口查询。</source>
        <translation>This kiosk has no cases of yours. For applications made elsewhere, please ask at a counter.</translation>
    </message>
    <message>
        <source>重新查询</source>
        <translation>Look up again</translation>
    </message>
    <message>
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <source>已打印，请取走打印件。</source>
        <translation>Printed. Please take your printout.</translation>
    </message>
    <message>
        <source>共查到 {n} 件办件：</source>
        <translation>{n} case(s) found:</translation>
    </message>
    <message>
        <source>查进度</source>
        <translation>Track progress</translation>
    </message>
    <message>
        <source>扫描受理回执或许可证上的二维码：请将二维码对准屏幕下方的扫描口</source>
        <translation>Scan the QR code on your receipt or licence: hold it to the scanner below the screen</translation>
    </message>
    <message>
        <source>或者刷身份证，查看您在本机办理的全部办件：请将身份证平放在读卡区</source>
        <translation>Or place your ID card flat on the reader to see all your cases on this kiosk</translation>
    </message>
    <message>
        <source>打印查询结果</source>
        <translation>Print this list</translation>
    </message>
</context>
<context>
    <name>QrCodeView</name>
    <message>
        <source>二维码</source>
        <translation>QR code</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <source>叫号</source>
        <translation>Call next</translation>
    </message>
    <message>
        <source>当前号码</source>
        <translation>Now serving</translation>
    </message>
    <message>
        <source>排队叫号</source>
        <translation>Queue</translation>
    </message>
    <message>
        <source>暂无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>请先办结或过号当前号码 {number}</source>
        <translation>Finish or skip {number} first</translation>
    </message>
    <message>
        <source>请至少选择一项叫号业务</source>
        <translation>Choose at least one service to call</translation>
    </message>
    <message>
        <source>当前没有等候的群众</source>
        <translation>Nobody is waiting</translation>
    </message>
    <message>
        <source>当前没有正在办理的号码</source>
        <translation>No ticket is being served</translation>
    </message>
    <message>
        <source>{number} 已转至{service}，号码不变</source>
        <translation>{number} moved to {service}, same number</translation>
    </message>
    <message>
        <source>请选择或填写暂停原因</source>
        <translation>Choose or type a reason for the pause</translation>
    </message>
    <message>
        <source>叫号服务未连接</source>
        <translation>Queue service not connected</translation>
    </message>
    <message>
        <source>叫号服务暂时无法连接，请稍后再试</source>
        <translation>The queue service cannot be reached; try again shortly</translation>
    </message>
    <message>
        <source>已叫号，等候群众到窗口</source>
        <translation>Called, waiting for the citizen</translation>
    </message>
    <message>
        <source>办理中</source>
        <translation>Serving</translation>
    </message>
    <message>
        <source>窗口已暂停：{reason}</source>
        <translation>Counter paused: {reason}</translation>
    </message>
    <message>
        <source>等候人数</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>未连接叫号服务</source>
        <translation>Not connected to the queue service</translation>
    </message>
    <message numerus="yes">
        <source>%n 人等候</source>
        <translation>
            <numerusform>%n person waiting</numerusform>
            <numerusform>%n people waiting</numerusform>
        </translation>
    </message>
    <message>
        <source>叫号业务</source>
        <translation>Services to call</translation>
    </message>
    <message>
        <source>临时离开</source>
        <translation>Away briefly</translation>
    </message>
    <message>
        <source>业务咨询</source>
        <translation>Consulting</translation>
    </message>
    <message>
        <source>系统故障</source>
        <translation>System fault</translation>
    </message>
    <message>
        <source>用餐</source>
        <translation>Meal break</translation>
    </message>
    <message>
        <source>重呼</source>
        <translation>Recall</translation>
    </message>
    <message>
        <source>过号</source>
        <translation>Skip</translation>
    </message>
    <message>
        <source>开始办理</source>
        <translation>Apply now</translation>
    </message>
    <message>
        <source>办结</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>转移</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>暂停</source>
        <translation>Pause</translation>
    </message>
</context>
<context>
    <name>ResultScreen</name>
    <message>
        <source>正在审核，请稍候……</source>
        <translation>Checking your application, one moment…</translation>
    </message>
    <message>
        <source>系统正在按审批规则自动核验，一般只要几秒钟。</source>
        <translation>The approval rules are being checked automatically; this usually takes a few seconds.</translation>
    </message>
    <message>
        <source>提交没有成功</source>
        <translation>Not submitted</translation>
    </message>
    <message>
        <source>返回修改</source>
        <translation>Go back and edit</translation>
    </message>
    <message>
        <source>审批通过！许可证正在打印，请在出证口取走。</source>
        <translation>Approved! Your licence is printing; please take it from the output tray.</translation>
    </message>
    <message>
        <source>办件编号：{number}
证照：{name}  编号：{licence}</source>
        <translation>Case number: {number}
Licence: {name}  No.: {licence}</translation>
    </message>
    <message>
        <source>申请已受理，受理回执正在打印。</source>
        <translation>Your application is accepted; the receipt is printing.</translation>
    </message>
    <message>
        <source>办件编号：{number}
承诺办结日期：{day}</source>
        <translation>Case number: {number}
Promised completion date: {day}</translation>
    </message>
    <message>
        <source>您的申请暂时不能在自助机上办结</source>
        <translation>Your application cannot be completed at this kiosk</translation>
    </message>
    <message>
        <source>请按下面的提示办理：</source>
        <translation>Please do the following:</translation>
    </message>
    <message>
        <source>“{name}”已一次提交，{n}个事项的结果如下：</source>
        <translation>“{name}” was submitted in one go. The results of its {n} services:</translation>
    </message>
    <message>
        <source>办件编号 {number}</source>
        <translation>Case number {number}</translation>
    </message>
    <message>
        <source>证照和受理回执正在打印，请在出证口取走。</source>
        <translation>Your licence and acceptance receipts are printing. Please take them from the output slot.</translation>
    </message>
    <message>
        <source>受理回执正在打印，请在出证口取走。</source>
        <translation>Your acceptance receipts are printing. Please take them from the output slot.</translation>
    </message>
    <message>
        <source>已办结</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>请到窗口办理</source>
        <translation>Please go to a counter</translation>
    </message>
    <message>
        <source>已受理·当天办结</source>
        <translation>Accepted · done today</translation>
    </message>
    <message>
        <source>已受理·承诺{n}个工作日</source>
        <translation>Accepted · within {n} working days</translation>
    </message>
    <message>
        <source>已受理·承诺{n}个自然日</source>
        <translation>Accepted · within {n} days</translation>
    </message>
    <message>
        <source>打印机暂时不能打印，请用手机拍下您的文书</source>
        <translation>The printer is not available; please photograph your document</translation>
    </message>
    <message>
        <source>办理结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>SearchScreen</name>
    <message>
        <source>正在准备事项目录……</source>
        <translation>Preparing the list of services…</translation>
    </message>
    <message>
        <source>暂时无法查询事项，请到人工窗口咨询。</source>
        <translation>Services cannot be searched right now; please ask at a service counter.</translation>
    </message>
    <message>
        <source>事项目录还在加载，请稍候再试。</source>
        <translation>The list of services is still loading; please try again shortly.</translation>
    </message>
    <message>
        <source>为您找到以下事项，请点选：</source>
        <translation>We found these services; tap one:</translation>
    </message>
    <message>
        <source>没有找到相关事项。换个说法试试，比如“开饭店”，或到服务台咨询。</source>
        <translation>Nothing found. Try other words, such as &quot;open a restaurant&quot;, or ask at the help desk.</translation>
    </message>
    <message>
        <source>大家常办的事项：</source>
        <translation>Most requested services:</translation>
    </message>
    <message>
        <source>请选择部门：</source>
        <translation>Choose a department:</translation>
    </message>
    <message>
        <source>{name}的事项：</source>
        <translation>Services of {name}:</translation>
    </message>
    <message>
        <source>请选择您要办的事：</source>
        <translation>Choose what you need to do:</translation>
    </message>
    <message>
        <source>“{event}”相关事项：</source>
        <translation>Services for &quot;{event}&quot;:</translation>
    </message>
    <message>
        <source>您要办什么事？</source>
        <translation>What do you need to do?</translation>
    </message>
    <message>
        <source>说说您要办的事，如“我想开个餐馆”，或输入拼音首字母</source>
        <translation>Say what you need, e.g. &quot;I want to open a restaurant&quot;, or type pinyin initials</translation>
    </message>
    <message>
        <source>热门事项</source>
        <translation>Popular</translation>
    </message>
    <message>
        <source>按部门</source>
        <translation>By department</translation>
    </message>
    <message>
        <source>按人生事件</source>
        <translation>By life event</translation>
    </message>
    <message>
        <source>返回首页</source>
        <translation>Back to start</translation>
    </message>
</context>
<context>
    <name>ServiceUnavailableWindow</name>
    <message>
        <source>暂停服务</source>
        <translation>Out of service</translation>
    </message>
    <message>
        <source>本机暂停服务</source>
        <translation>This terminal is out of service</translation>
    </message>
    <message>
        <source>系统暂时无法完成此操作，请联系工作人员。</source>
        <translation>The system cannot do this right now. Please ask a member of staff.</translation>
    </message>
    <message>
        <source>请到人工窗口办理，给您带来不便，敬请谅解。</source>
        <translation>Please go to a staffed counter. We apologise for the inconvenience.</translation>
    </message>
    <message>
        <source>请联系现场技术人员处理。</source>
        <translation>Please contact the on-site technician.</translation>
    </message>
    <message>
        <source>故障代码：{code}</source>
        <translation>Error code: {code}</translation>
    </message>
</context>
<context>
    <name>SettingsForm</name>
    <message>
        <source>（已锁定）</source>
        <translation> (locked)</translation>
    </message>
    <message>
        <source>已设置（不显示），留空表示不修改</source>
        <translation>Set (hidden); leave empty to keep</translation>
    </message>
    <message>
        <source>未设置</source>
        <translation>not set</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>已填入默认值，点“保存”后生效；已锁定的项不变。</source>
        <translation>Defaults filled in; press Save to apply. Locked rows stay as they are.</translation>
    </message>
    <message>
        <source>有 {n} 项填写不正确：{first} 请按红字修改后再保存。</source>
        <translation>{n} rows are wrong: {first} Fix the red rows, then save.</translation>
    </message>
    <message>
        <source>保存失败：{reason}</source>
        <translation>Saving failed: {reason}</translation>
    </message>
    <message>
        <source>没有修改需要保存。</source>
        <translation>Nothing to save.</translation>
    </message>
    <message>
        <source>已生效 {n} 项；本机没有设置文件（演示模式），重启后恢复原值。</source>
        <translation>{n} settings applied; this terminal has no config file (demo), so they revert after a restart.</translation>
    </message>
    <message>
        <source>已保存 {n} 项。</source>
        <translation>Saved {n} settings.</translation>
    </message>
    <message>
        <source>其中有的项需要重启程序后才生效。</source>
        <translation> Some take effect after a restart.</translation>
    </message>
    <message>
        <source>修改后点“保存”；灰色的项已被锁定，不能在此修改。</source>
        <translation>Press Save after changing; grey rows are locked and cannot be changed here.</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>撤销修改</source>
        <translation>Undo changes</translation>
    </message>
    <message>
        <source>恢复默认</source>
        <translation>Restore defaults</translation>
    </message>
</context>
<context>
    <name>SignatureScreen</name>
    <message>
        <source>告知承诺书：请阅读后签名</source>
        <translation>Commitment: please read, then sign</translation>
    </message>
    <message>
        <source>请用手指在这里写上您的名字</source>
        <translation>Write your name here with your finger</translation>
    </message>
    <message>
        <source>重新签名</source>
        <translation>Sign again</translation>
    </message>
    <message>
        <source>确认签名并提交</source>
        <translation>Confirm and submit</translation>
    </message>
</context>
<context>
    <name>TechnicianMainWindow</name>
    <message>
        <source>技术维护</source>
        <translation>Technician console</translation>
    </message>
    <message>
        <source>{hall}&#x3000;终端 {terminal}</source>
        <translation>{hall}&#x3000;Terminal {terminal}</translation>
    </message>
    <message>
        <source>概览</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>设备</source>
        <translation>Devices</translation>
    </message>
    <message>
        <source>连接</source>
        <translation>Links</translation>
    </message>
    <message>
        <source>自助终端设置</source>
        <translation>Kiosk settings</translation>
    </message>
    <message>
        <source>诊断导出</source>
        <translation>Diagnostics export</translation>
    </message>
</context>
<context>
    <name>TechnicianPinOverlay</name>
    <message>
        <source>密码不正确，请重新输入。</source>
        <translation>Wrong PIN, please try again.</translation>
    </message>
    <message>
        <source>密码错误次数过多，请 {m} 分钟后再试。</source>
        <translation>Too many wrong PINs; try again in {m} minutes.</translation>
    </message>
    <message>
        <source>本机未设置技术维护密码：请在技术维护模式（python main.py technician）中设置。</source>
        <translation>No technician PIN is set: set one in technician mode (python main.py technician).</translation>
    </message>
    <message>
        <source>密码不正确，还可以再试 {n} 次。</source>
        <translation>Wrong PIN; {n} attempts left.</translation>
    </message>
    <message>
        <source>技术维护：请输入密码</source>
        <translation>Technician: enter the PIN</translation>
    </message>
    <message>
        <source>清除</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>TicketScreen</name>
    <message>
        <source>正在获取排队信息…</source>
        <translation>Getting the queue information…</translation>
    </message>
    <message>
        <source>请稍候。</source>
        <translation>One moment, please.</translation>
    </message>
    <message>
        <source>等候 {n} 人</source>
        <translation>{n} waiting</translation>
    </message>
    <message>
        <source>预计约 {m} 分钟（估算）</source>
        <translation>about {m} min (estimate)</translation>
    </message>
    <message>
        <source>暂无法估算等候时间</source>
        <translation>no wait estimate yet</translation>
    </message>
    <message>
        <source>请到咨询台取号</source>
        <translation>Please get a ticket at the information desk</translation>
    </message>
    <message>
        <source>本机凭身份证取号。未带身份证的，请到大厅咨询台，工作人员会为您取号。</source>
        <translation>Tickets here are taken with an ID card. Without one, please go to the information desk; staff will give you a ticket.</translation>
    </message>
    <message>
        <source>正在取号…</source>
        <translation>Taking your ticket…</translation>
    </message>
    <message>
        <source>请稍候，凭条马上打印。</source>
        <translation>One moment, your ticket prints right away.</translation>
    </message>
    <message>
        <source>暂时无法取号。</source>
        <translation>A ticket cannot be issued right now.</translation>
    </message>
    <message>
        <source>暂时无法取号</source>
        <translation>Cannot issue a ticket right now</translation>
    </message>
    <message>
        <source>请到大厅咨询台取号。</source>
        <translation>Please get a ticket at the information desk.</translation>
    </message>
    <message>
        <source>您今天已经取过这项业务的号：{number}。请留意叫号屏幕和语音提示，不必再取。</source>
        <translation>You already have a ticket for this service today: {number}. Please watch the call screen and listen for your number; no need for another.</translation>
    </message>
    <message>
        <source>您今天已经取过这项业务的号，请留意叫号屏幕和语音提示，不必再取。</source>
        <translation>You already have a ticket for this service today. Please watch the call screen and listen for your number; no need for another.</translation>
    </message>
    <message>
        <source>您已经有号了</source>
        <translation>You already have a ticket</translation>
    </message>
    <message>
        <source>如果号码已过号，请到咨询台咨询。</source>
        <translation>If your number has been passed, please ask at the information desk.</translation>
    </message>
    <message>
        <source>办理业务：{service}</source>
        <translation>Service: {service}</translation>
    </message>
    <message>
        <source>您前面还有 {n} 人等候</source>
        <translation>{n} people ahead of you</translation>
    </message>
    <message>
        <source>预计等候约 {m} 分钟（估算，仅供参考）</source>
        <translation>Estimated wait about {m} minutes (an estimate only)</translation>
    </message>
    <message>
        <source>排队服务暂时连接不上，这是本机发出的临时号，同样有效，请留意叫号。</source>
        <translation>The queue service is out of reach; this kiosk issued a provisional number, which is equally valid. Please listen for your number.</translation>
    </message>
    <message>
        <source>凭条正在打印…</source>
        <translation>Your ticket is printing…</translation>
    </message>
    <message>
        <source>凭条已打印，请取走凭条，留意叫号屏幕和语音提示。</source>
        <translation>Ticket printed. Please take it and watch the call screen.</translation>
    </message>
    <message>
        <source>请记下您的号码，留意叫号屏幕和语音提示。</source>
        <translation>Please note your number and watch the call screen.</translation>
    </message>
    <message>
        <source>取号服务暂时连接不上</source>
        <translation>The ticket service is out of reach right now</translation>
    </message>
    <message>
        <source>请稍候再试，或到大厅咨询台取号。
办事、查进度和打印证照不受影响，仍可在本机办理。</source>
        <translation>Please try again shortly, or get a ticket at the information desk.
Applying, tracking progress and printing documents still work on this kiosk.</translation>
    </message>
    <message>
        <source>再试一次</source>
        <translation>Try again</translation>
    </message>
    <message>
        <source>您选择了：{service}
请将身份证平放在屏幕下方的读卡区取号</source>
        <translation>You chose: {service}
Place your ID card flat on the reader below the screen to take a ticket</translation>
    </message>
    <message>
        <source>取号</source>
        <translation>Take a ticket</translation>
    </message>
    <message>
        <source>请选择要办理的业务，取号后到人工窗口办理</source>
        <translation>Choose a service; you will be served at a counter</translation>
    </message>
    <message>
        <source>没有带身份证</source>
        <translation>No ID card with me</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <source>yyyy年M月d日 dddd</source>
        <translation>dddd, d MMMM yyyy</translation>
    </message>
</context>
<context>
    <name>screen</name>
    <message>
        <source>打印机暂时无法使用，请用手机拍下右侧二维码，或凭二维码到大厅服务台领取打印件。</source>
        <translation>The printer is not available right now. Take a photo of the QR code on the right, or show it at the service desk to collect a printout.</translation>
    </message>
</context>
</TS>
