<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>CaseArea</name>
    <message>
        <source>办事人与办件</source>
        <translation>Applicant and case</translation>
    </message>
    <message>
        <source>尚未接待办事人</source>
        <translation>No applicant yet</translation>
    </message>
    <message>
        <source>按 F2 叫号，或按 F5 读取办事人身份证，开始受理。</source>
        <translation>Press F2 to call the next ticket, or F5 to read the applicant&apos;s ID card.</translation>
    </message>
</context>
<context>
    <name>CounterMainWindow</name>
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
        <source>工作人员：{name}</source>
        <translation>Clerk: {name}</translation>
    </message>
    <message>
        <source>工作人员：未登录</source>
        <translation>Clerk: not signed in</translation>
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
        <source>请用手机拍下右侧二维码，凭二维码可在任一窗口或自助终端查询、补打。</source>
        <translation>Take a photo of the QR code on the right. With it, any counter or kiosk can look up or reprint this document.</translation>
    </message>
    <message>
        <source>我已拍照</source>
        <translation>I have taken a photo</translation>
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
        <source>重呼</source>
        <translation>Recall</translation>
    </message>
    <message>
        <source>过号</source>
        <translation>Skip</translation>
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
    <message>
        <source>设备检测</source>
        <translation>Device tests</translation>
    </message>
    <message>
        <source>逐台打开、自检和测试设备，将在设备接入后提供。</source>
        <translation>Opening, self-testing and test-printing each device arrives with the device drivers.</translation>
    </message>
    <message>
        <source>连接检测</source>
        <translation>Link tests</translation>
    </message>
    <message>
        <source>测试大厅排队服务和政务服务平台的连接，将在对接完成后提供。</source>
        <translation>Testing the hall queue server and central platform links arrives with those integrations.</translation>
    </message>
    <message>
        <source>按配置项修改本机设置，将在后续版本提供。</source>
        <translation>Editing this terminal&apos;s settings one by one comes in a later version.</translation>
    </message>
    <message>
        <source>导出日志和设备状态（不含个人信息），将在后续版本提供。</source>
        <translation>Exporting logs and device states (without personal data) comes in a later version.</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <source>yyyy年M月d日 dddd</source>
        <translation>dddd, d MMMM yyyy</translation>
    </message>
</context>
</TS>
