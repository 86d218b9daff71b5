<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ApplyJourney</name>
    <message>
        <source>提交没有成功，您填写的信息还在。请稍后再试，或到人工窗口办理。</source>
        <translation>Your application was not submitted; what you entered is kept. Please try again shortly, or go to a service counter.</translation>
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
    <name>CountdownOverlay</name>
    <message>
        <source>您还在办理吗？</source>
        <translation>Are you still there?</translation>
    </message>
    <message>
        <source>{n} 秒后将返回首页，并清除您本次填写的信息。</source>
        <translation>In {n} seconds the kiosk returns to the start and clears what you entered.</translation>
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
        <source>包含的事项（点选可查看并办理）：</source>
        <translation>Services included (tap one to read and apply):</translation>
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
        <translation>Your e-licence cannot be checked right now. Please use your ID card, or go to a service counter.</translation>
    </message>
    <message>
        <source>请刷身份证，或出示电子证照二维码</source>
        <translation>Place your ID card, or show your e-licence QR code</translation>
    </message>
    <message>
        <source>读卡器暂时不能使用。请用手机打开电子证照二维码，对准右侧扫码口。</source>
        <translation>The card reader is not available. Please open your e-licence QR code on your phone and hold it to the scanner on the right.</translation>
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
        <translation>Open the e-licence app on your phone, show its QR code and hold it to the scanner.</translation>
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
        <translation>Your ID card was not read properly. Please lift it and lay it flat again; if that does not help, go to a service counter.</translation>
    </message>
    <message>
        <source>您的身份证已取走</source>
        <translation>Your ID card was removed</translation>
    </message>
    <message>
        <source>是否继续办理？选择“结束办理”将清除您本次填写的信息。</source>
        <translation>Do you want to continue? &quot;End&quot; clears everything you entered.</translation>
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
