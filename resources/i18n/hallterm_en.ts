<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
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
        <source>暂无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>等候人数</source>
        <translation>Waiting</translation>
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
    <name>TechnicianPinOverlay</name>
    <message>
        <source>密码不正确，请重新输入。</source>
        <translation>Wrong PIN, please try again.</translation>
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
