<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Actions</name>
    <message>
        <source>Full speed</source>
        <translation>全速</translation>
    </message>
    <message>
        <source>100k samples/s</source>
        <translation>10 万样本/秒</translation>
    </message>
    <message>
        <source>10k samples/s</source>
        <translation>1 万样本/秒</translation>
    </message>
    <message>
        <source>1k samples/s</source>
        <translation>1000 样本/秒</translation>
    </message>
    <message>
        <source>100 samples/s</source>
        <translation>100 样本/秒</translation>
    </message>
    <message>
        <source>10 samples/s</source>
        <translation>10 样本/秒</translation>
    </message>
    <message>
        <source>1 sample/s</source>
        <translation>1 样本/秒</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>开始训练</translation>
    </message>
    <message>
        <source>Train continuously, one SGD step per sample (Space pauses).</source>
        <translation>连续训练，每个样本做一步随机梯度下降（空格键暂停）。</translation>
    </message>
    <message>
        <source>X axis in samples</source>
        <translation>横轴：样本数</translation>
    </message>
    <message>
        <source>Plot against the number of samples trained.</source>
        <translation>以已训练的样本数为横轴绘图。</translation>
    </message>
    <message>
        <source>X axis in epochs</source>
        <translation>横轴：轮次</translation>
    </message>
    <message>
        <source>Plot against epochs (passes over the training set).</source>
        <translation>以轮次（遍历训练集的次数）为横轴绘图。</translation>
    </message>
    <message>
        <source>How many samples per second to train (at full speed, as fast as the engine goes).</source>
        <translation>每秒训练多少个样本（全速时以引擎的最快速度运行）。</translation>
    </message>
    <message>
        <source>Step sample</source>
        <translation>单步：一个样本</translation>
    </message>
    <message>
        <source>Train on one sample: one forward pass, backpropagation and update (→).</source>
        <translation>只用一个样本训练：一次前馈计算、反向传播和参数更新（→）。</translation>
    </message>
    <message>
        <source>Step epoch</source>
        <translation>单步：一轮</translation>
    </message>
    <message>
        <source>Train to the end of this epoch (Ctrl+→).</source>
        <translation>训练到本轮结束（Ctrl+→）。</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Start over from the same initial weights (R).</source>
        <translation>从相同的初始权重重新开始（R）。</translation>
    </message>
    <message>
        <source>Pin run as reference (A)</source>
        <translation>固定为参照运行 (A)</translation>
    </message>
    <message>
        <source>Keep this run&apos;s curves (dashed) in every plot and start a run B from the same initial weights.</source>
        <translation>在每张图中保留本次运行的曲线（虚线），并从相同的初始权重开始运行 B。</translation>
    </message>
    <message>
        <source>Clear reference</source>
        <translation>清除参照</translation>
    </message>
    <message>
        <source>Remove the pinned run&apos;s curves.</source>
        <translation>移除已固定运行的曲线。</translation>
    </message>
    <message>
        <source>Open config…</source>
        <translation>打开配置…</translation>
    </message>
    <message>
        <source>Load an experiment config (JSON).</source>
        <translation>载入一个实验配置（JSON）。</translation>
    </message>
    <message>
        <source>Save config…</source>
        <translation>保存配置…</translation>
    </message>
    <message>
        <source>Save this experiment&apos;s config (JSON).</source>
        <translation>保存本实验的配置（JSON）。</translation>
    </message>
    <message>
        <source>Open session…</source>
        <translation>打开会话…</translation>
    </message>
    <message>
        <source>Reopen a saved run and go on exactly where it stood.</source>
        <translation>重新打开保存的训练过程，从它停下的地方精确地继续。</translation>
    </message>
    <message>
        <source>Save session…</source>
        <translation>保存会话…</translation>
    </message>
    <message>
        <source>Save the whole run (config, data, weights, position, history) in one file.</source>
        <translation>把整个训练过程（配置、数据、权重、进度、历史）保存在一个文件中。</translation>
    </message>
    <message>
        <source>Import weights…</source>
        <translation>导入权重…</translation>
    </message>
    <message>
        <source>Start over from weights in a .npz, .json or .csv file.</source>
        <translation>从 .npz、.json 或 .csv 文件中的权重重新开始训练。</translation>
    </message>
    <message>
        <source>Export weights…</source>
        <translation>导出权重…</translation>
    </message>
    <message>
        <source>Write W1..WL and b1..bL as .npz, .json, .csv or .onnx.</source>
        <translation>将 W1..WL 和 b1..bL 写成 .npz、.json、.csv 或 .onnx 文件。</translation>
    </message>
    <message>
        <source>Export plots…</source>
        <translation>导出图表…</translation>
    </message>
    <message>
        <source>Every plot as PNG and SVG into a folder.</source>
        <translation>将每张图表以 PNG 和 SVG 格式存入一个文件夹。</translation>
    </message>
    <message>
        <source>Export history…</source>
        <translation>导出训练记录…</translation>
    </message>
    <message>
        <source>The metric history as CSV: per epoch and per sample.</source>
        <translation>以 CSV 格式导出指标记录：按轮次和按样本。</translation>
    </message>
    <message>
        <source>Export everything…</source>
        <translation>全部导出…</translation>
    </message>
    <message>
        <source>Weights, plots, history, config and a README into a folder.</source>
        <translation>将权重、图表、训练记录、配置和一份 README 存入一个文件夹。</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Close fnnsim.</source>
        <translation>关闭 fnnsim。</translation>
    </message>
    <message>
        <source>Restore default layout</source>
        <translation>恢复默认布局</translation>
    </message>
    <message>
        <source>Put every panel back where it was.</source>
        <translation>把每个面板放回原来的位置。</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>List the keyboard shortcuts.</source>
        <translation>列出所有键盘快捷键。</translation>
    </message>
    <message>
        <source>About fnnsim</source>
        <translation>关于 fnnsim</translation>
    </message>
</context>
<context>
    <name>Compare</name>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>global</source>
        <translation>全局</translation>
    </message>
    <message>
        <source>per layer</source>
        <translation>逐层</translation>
    </message>
    <message>
        <source>value</source>
        <translation>按值</translation>
    </message>
    <message>
        <source>hidden layers</source>
        <translation>隐藏层</translation>
    </message>
    <message>
        <source>activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出层</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>clipping</source>
        <translation>梯度截断</translation>
    </message>
    <message>
        <source>initializer</source>
        <translation>初始化方法</translation>
    </message>
    <message>
        <source>init scale</source>
        <translation>初始化缩放</translation>
    </message>
    <message>
        <source>init seed</source>
        <translation>初始化种子</translation>
    </message>
    <message>
        <source>data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证集比例</translation>
    </message>
    <message>
        <source>data seed</source>
        <translation>数据种子</translation>
    </message>
    <message>
        <source>standardize</source>
        <translation>标准化</translation>
    </message>
    <message>
        <source>shuffle</source>
        <translation>打乱顺序</translation>
    </message>
    <message>
        <source>early stopping</source>
        <translation>早停</translation>
    </message>
    <message>
        <source>data settings</source>
        <translation>数据设置</translation>
    </message>
    <message>
        <source>same settings</source>
        <translation>设置相同</translation>
    </message>
    <message>
        <source>different initial weights</source>
        <translation>初始权重不同</translation>
    </message>
    <message>
        <source>A: {0}</source>
        <translation>A：{0}</translation>
    </message>
    <message>
        <source>Cannot pin this run: the weights it started from are not known.</source>
        <translation>无法固定本次运行：不知道它开始时的权重。</translation>
    </message>
</context>
<context>
    <name>CsvColumnsDialog</name>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>classification</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>regression</source>
        <translation>回归</translation>
    </message>
    <message>
        <source>Columns of the CSV file</source>
        <translation>CSV 文件的列</translation>
    </message>
    <message>
        <source>The column the network learns to predict (y).</source>
        <translation>网络要学习预测的那一列（y）。</translation>
    </message>
    <message>
        <source>Input columns x, in this order; tick at least one.</source>
        <translation>输入列 x，按此顺序；至少勾选一列。</translation>
    </message>
    <message>
        <source>auto: text or few integer values are classes, other numbers regression.</source>
        <translation>自动：文本或取值很少的整数视为类别（分类），其他数值视为回归。</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>特征</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
</context>
<context>
    <name>DataPanel</name>
    <message>
        <source>xor</source>
        <translation>异或 (xor)</translation>
    </message>
    <message>
        <source>circles</source>
        <translation>同心圆 (circles)</translation>
    </message>
    <message>
        <source>gaussians</source>
        <translation>高斯团 (gaussians)</translation>
    </message>
    <message>
        <source>spiral</source>
        <translation>螺旋 (spiral)</translation>
    </message>
    <message>
        <source>moons</source>
        <translation>双月 (moons)</translation>
    </message>
    <message>
        <source>checkerboard</source>
        <translation>棋盘 (checkerboard)</translation>
    </message>
    <message>
        <source>plane</source>
        <translation>平面 (plane)</translation>
    </message>
    <message>
        <source>sine</source>
        <translation>正弦 (sine)</translation>
    </message>
    <message>
        <source>Four quadrants; class 1 where x1 and x2 have opposite signs. Inputs in [-1, 1]².</source>
        <translation>四个象限；x1 与 x2 异号处为类别 1。输入范围 [-1, 1]²。</translation>
    </message>
    <message>
        <source>A disc inside a ring. Inputs in [-1, 1]².</source>
        <translation>圆环里套着一个圆盘。输入范围 [-1, 1]²。</translation>
    </message>
    <message>
        <source>Two Gaussian blobs around (-1, -1) and (1, 1).</source>
        <translation>分别以 (-1, -1) 和 (1, 1) 为中心的两团高斯分布点。</translation>
    </message>
    <message>
        <source>spread</source>
        <translation>离散度</translation>
    </message>
    <message>
        <source>std of each blob</source>
        <translation>每团点的标准差</translation>
    </message>
    <message>
        <source>classes</source>
        <translation>类别数</translation>
    </message>
    <message>
        <source>K interleaved spiral arms (CS231n); noise jitters the angle. Inputs in [-1, 1]².</source>
        <translation>K 条交错的螺旋臂（CS231n）；噪声扰动角度。输入范围 [-1, 1]²。</translation>
    </message>
    <message>
        <source>number of arms (classes)</source>
        <translation>螺旋臂的条数（类别数）</translation>
    </message>
    <message>
        <source>Two interleaved half-moons. Inputs in [-1.5, 1.5] × [-0.75, 0.75].</source>
        <translation>两个交错的半月形。输入范围 [-1.5, 1.5] × [-0.75, 0.75]。</translation>
    </message>
    <message>
        <source>A two-colour checkerboard on [-1, 1]².</source>
        <translation>[-1, 1]² 上的双色棋盘格。</translation>
    </message>
    <message>
        <source>tiles</source>
        <translation>格数</translation>
    </message>
    <message>
        <source>squares per side</source>
        <translation>每边的方格数</translation>
    </message>
    <message>
        <source>Regression y = a·x1 + b·x2 + c, noise on y. Inputs in [-1, 1]².</source>
        <translation>回归 y = a·x1 + b·x2 + c，噪声加在 y 上。输入范围 [-1, 1]²。</translation>
    </message>
    <message>
        <source>slope along x1</source>
        <translation>沿 x1 的斜率</translation>
    </message>
    <message>
        <source>slope along x2</source>
        <translation>沿 x2 的斜率</translation>
    </message>
    <message>
        <source>offset</source>
        <translation>截距</translation>
    </message>
    <message>
        <source>Regression y = sin(x), x in [-π, π], noise on y.</source>
        <translation>回归 y = sin(x)，x ∈ [-π, π]，噪声加在 y 上。</translation>
    </message>
    <message>
        <source>Load CSV</source>
        <translation>载入 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Where the data comes from: a generator or a CSV file.</source>
        <translation>数据来源：一个数据生成器或一个 CSV 文件。</translation>
    </message>
    <message>
        <source>Samples generated, before the validation split.</source>
        <translation>生成的样本数（划分验证集之前）。</translation>
    </message>
    <message>
        <source>Std of Gaussian noise: on the inputs, on y for regression, on the angle for spiral.</source>
        <translation>高斯噪声的标准差：加在输入上；回归时加在 y 上；螺旋数据加在角度上。</translation>
    </message>
    <message>
        <source>Share held out as the validation set V (early stopping watches it).</source>
        <translation>留作验证集 V 的比例（早停依据它上面的错误率）。</translation>
    </message>
    <message>
        <source>Seed of the data and split; auto = the experiment seed.</source>
        <translation>数据及其划分的随机种子；自动 = 使用实验的种子。</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>New data: the seed goes up by one.</source>
        <translation>生成新数据：随机种子加一。</translation>
    </message>
    <message>
        <source>Standardize inputs</source>
        <translation>标准化输入</translation>
    </message>
    <message>
        <source>x ← (x − mean)/std per feature, fitted on the training part only.</source>
        <translation>对每个特征做 x ← (x − 均值)/标准差，只用训练集部分估计均值和标准差。</translation>
    </message>
    <message>
        <source>Load CSV…</source>
        <translation>载入 CSV…</translation>
    </message>
    <message>
        <source>Use your own data: a CSV file with a header row.</source>
        <translation>使用你自己的数据：一个带表头行的 CSV 文件。</translation>
    </message>
    <message>
        <source>Training points filled, validation points hollow.</source>
        <translation>实心点为训练集，空心点为验证集。</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>验证集比例</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>{k} classes</source>
        <translation>{k} 个类别</translation>
    </message>
    <message>
        <source>regression</source>
        <translation>回归</translation>
    </message>
    <message>
        <source>{kind} · {t} training (filled) · {v} validation (hollow)</source>
        <translation>{kind} · 训练集 {t} 个（实心） · 验证集 {v} 个（空心）</translation>
    </message>
    <message>
        <source>Cannot use this CSV file</source>
        <translation>无法使用这个 CSV 文件</translation>
    </message>
    <message>
        <source>CSV: {name}</source>
        <translation>CSV：{name}</translation>
    </message>
    <message>
        <source>{name}: target {target}, {n} features, task {task}</source>
        <translation>{name}：目标 {target}，{n} 个特征，任务 {task}</translation>
    </message>
</context>
<context>
    <name>DecisionBoundaryView</name>
    <message>
        <source>No data yet.</source>
        <translation>还没有数据。</translation>
    </message>
    <message>
        <source>The decision boundary needs 2 inputs (or 1, for a curve); this data set has {0}.</source>
        <translation>决策边界需要 2 个输入（或 1 个输入，画成曲线）；这个数据集有 {0} 个。</translation>
    </message>
    <message>
        <source>network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>validation (hollow)</source>
        <translation>验证集（空心）</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>training diverged at epoch {epoch}, sample {sample}: the loss or a weight became infinite or NaN; the last finite weights are kept (lower the learning rate or turn on gradient clipping)</source>
        <translation>训练在第 {epoch} 轮第 {sample} 个样本处发散：损失或某个权重变成了无穷大或 NaN；已保留最后一组有限的权重（请降低学习率或开启梯度截断）</translation>
    </message>
    <message>
        <source>no such file or folder</source>
        <translation>文件或文件夹不存在</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>没有权限</translation>
    </message>
    <message>
        <source>no space left on the disk</source>
        <translation>磁盘空间不足</translation>
    </message>
    <message>
        <source>the disk is read-only</source>
        <translation>磁盘是只读的</translation>
    </message>
    <message>
        <source>it is a folder</source>
        <translation>这是一个文件夹</translation>
    </message>
    <message>
        <source>a part of the path is not a folder</source>
        <translation>路径中有一部分不是文件夹</translation>
    </message>
    <message>
        <source>the name is too long</source>
        <translation>名称太长</translation>
    </message>
    <message>
        <source>{file}: {reason}</source>
        <translation>{file}：{reason}</translation>
    </message>
    <message>
        <source>{key} must be an object, got {type}</source>
        <translation>{key} 必须是 JSON 对象，实际为 {type}</translation>
    </message>
    <message>
        <source>{key} must be a number, got {value!r}</source>
        <translation>{key} 必须是数字，实际为 {value!r}</translation>
    </message>
    <message>
        <source>{key} must be an integer, got {value!r}</source>
        <translation>{key} 必须是整数，实际为 {value!r}</translation>
    </message>
    <message>
        <source>{key} must be one of {valid}, got {value!r}</source>
        <translation>{key} 必须是 {valid} 之一，实际为 {value!r}</translation>
    </message>
    <message>
        <source>{key} must be &gt;= {minimum}, got {value}</source>
        <translation>{key} 必须 &gt;= {minimum}，实际为 {value}</translation>
    </message>
    <message>
        <source>{key} must be &gt;= {minimum}, got {value:g}</source>
        <translation>{key} 必须 &gt;= {minimum}，实际为 {value:g}</translation>
    </message>
    <message>
        <source>{key} must be &gt; 0, got {value}</source>
        <translation>{key} 必须 &gt; 0，实际为 {value}</translation>
    </message>
    <message>
        <source>{key} must be &gt; 0, got {value:g}</source>
        <translation>{key} 必须 &gt; 0，实际为 {value:g}</translation>
    </message>
    <message>
        <source>{key} must be {minimum}…{maximum}, got {value}</source>
        <translation>{key} 必须在 {minimum}…{maximum} 之间，实际为 {value}</translation>
    </message>
    <message>
        <source>not valid JSON: {reason} at line {line}</source>
        <translation>不是有效的 JSON：{reason}（第 {line} 行）</translation>
    </message>
    <message>
        <source>{file}: cannot read: {reason}</source>
        <translation>{file}：无法读取：{reason}</translation>
    </message>
    <message>
        <source>{file}: {problem}</source>
        <translation>{file}：{problem}</translation>
    </message>
    <message>
        <source>the config must be an object, got {type}</source>
        <translation>配置必须是 JSON 对象，实际为 {type}</translation>
    </message>
    <message>
        <source>unknown key {key}; valid keys: {valid}</source>
        <translation>未知的键 {key}；有效的键：{valid}</translation>
    </message>
    <message>
        <source>{key} must be a list, got {type}</source>
        <translation>{key} 必须是列表，实际为 {type}</translation>
    </message>
    <message>
        <source>{key} must be true or false, got {value!r}</source>
        <translation>{key} 必须是 true 或 false，实际为 {value!r}</translation>
    </message>
    <message>
        <source>{key} must be a string, got {value!r}</source>
        <translation>{key} 必须是字符串，实际为 {value!r}</translation>
    </message>
    <message>
        <source>version must be {expected}, got {value} (written by another fnnsim?)</source>
        <translation>version 必须是 {expected}，实际为 {value}（是其他版本的 fnnsim 写的吗？）</translation>
    </message>
    <message>
        <source>training.early_stopping needs a validation set: set data.val_fraction &gt; 0</source>
        <translation>training.early_stopping（早停）需要验证集：请设置 data.val_fraction &gt; 0</translation>
    </message>
    <message>
        <source>network.hidden may have at most {maximum} layers, got {value}</source>
        <translation>network.hidden 最多只能有 {maximum} 层，实际为 {value} 层</translation>
    </message>
    <message>
        <source>network.loss {loss!r} needs output_activation {required!r}, got {value!r}</source>
        <translation>network.loss 为 {loss!r} 时，output_activation 必须是 {required!r}，实际为 {value!r}</translation>
    </message>
    <message>
        <source>data.path must name a CSV file when source is csv</source>
        <translation>source 为 csv 时，data.path 必须指定一个 CSV 文件</translation>
    </message>
    <message>
        <source>data.path is only used with source csv, not {value!r}</source>
        <translation>data.path 只在 source 为 csv 时使用，不能用于 {value!r}</translation>
    </message>
    <message>
        <source>seed must be a non-negative integer or a numpy Generator, got {value!r}</source>
        <translation>seed 必须是非负整数或 numpy Generator，实际为 {value!r}</translation>
    </message>
    <message>
        <source>empty cell</source>
        <translation>单元格为空</translation>
    </message>
    <message>
        <source>not a number: {value}</source>
        <translation>不是数字：{value}</translation>
    </message>
    <message>
        <source>not a finite number: {value}</source>
        <translation>不是有限的数：{value}</translation>
    </message>
    <message>
        <source>task must be one of {valid}; got {value!r}</source>
        <translation>task 必须是 {valid} 之一；实际为 {value!r}</translation>
    </message>
    <message>
        <source>expected {expected} cells (one per header column), found {found}</source>
        <translation>应有 {expected} 个单元格（表头每列一个），实际为 {found} 个</translation>
    </message>
    <message>
        <source>no data rows after the header</source>
        <translation>表头之后没有数据行</translation>
    </message>
    <message>
        <source>only 1 data row; at least 2 are needed</source>
        <translation>只有 1 行数据；至少需要 2 行</translation>
    </message>
    <message>
        <source>{file}, line {line}, column {column}</source>
        <translation>{file}，第 {line} 行，{column} 列</translation>
    </message>
    <message>
        <source>{file}, line {line}</source>
        <translation>{file}，第 {line} 行</translation>
    </message>
    <message>
        <source>{file}, column {column}</source>
        <translation>{file}，{column} 列</translation>
    </message>
    <message>
        <source>{where}: {problem}</source>
        <translation>{where}：{problem}</translation>
    </message>
    <message>
        <source>{file}: file not found</source>
        <translation>{file}：找不到文件</translation>
    </message>
    <message>
        <source>{file}: is a folder, not a CSV file</source>
        <translation>{file}：这是一个文件夹，不是 CSV 文件</translation>
    </message>
    <message>
        <source>{file}: permission denied</source>
        <translation>{file}：没有权限</translation>
    </message>
    <message>
        <source>{file}: cannot read the file: {reason}</source>
        <translation>{file}：无法读取文件：{reason}</translation>
    </message>
    <message>
        <source>not valid UTF-8 (byte 0x{byte:02x}); save the file as UTF-8</source>
        <translation>不是有效的 UTF-8（字节 0x{byte:02x}）；请将文件另存为 UTF-8</translation>
    </message>
    <message>
        <source>cannot parse the CSV: {reason}</source>
        <translation>无法解析 CSV：{reason}</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>文件是空的</translation>
    </message>
    <message>
        <source>column {position} of the header has no name</source>
        <translation>表头的第 {position} 列没有名称</translation>
    </message>
    <message>
        <source>duplicate column name in the header</source>
        <translation>表头中有重复的列名</translation>
    </message>
    <message>
        <source>the header has 1 column ({name}); at least 2 are needed (features and a target). Is the file comma-separated?</source>
        <translation>表头只有 1 列（{name}）；至少需要 2 列（特征和目标）。文件是用逗号分隔的吗？</translation>
    </message>
    <message>
        <source>target column {name} is not in the header; available columns: {available}</source>
        <translation>目标列 {name} 不在表头中；可用的列：{available}</translation>
    </message>
    <message>
        <source>feature column {name} is not in the header; available columns: {available}</source>
        <translation>特征列 {name} 不在表头中；可用的列：{available}</translation>
    </message>
    <message>
        <source>features must be a list of column names, not the string {value!r}</source>
        <translation>features 必须是列名的列表，而不是字符串 {value!r}</translation>
    </message>
    <message>
        <source>{file}: no feature columns selected</source>
        <translation>{file}：没有选择特征列</translation>
    </message>
    <message>
        <source>the target column cannot also be a feature</source>
        <translation>目标列不能同时作为特征</translation>
    </message>
    <message>
        <source>feature column selected twice</source>
        <translation>特征列被选择了两次</translation>
    </message>
    <message>
        <source>not a number: {value}; a regression target must be numeric</source>
        <translation>不是数字：{value}；回归的目标必须是数值</translation>
    </message>
    <message>
        <source>class labels must be integers or text, found {value}; use task &apos;regression&apos; for a numeric target</source>
        <translation>类别标签必须是整数或文本，实际为 {value}；数值型目标请使用 task &apos;regression&apos;</translation>
    </message>
    <message>
        <source>the target has a single class ({value}); classification needs at least 2</source>
        <translation>目标列只有一个类别（{value}）；分类至少需要 2 个类别</translation>
    </message>
    <message>
        <source>n_samples must be &gt;= classes ({classes}), got {value}</source>
        <translation>n_samples 必须 &gt;= classes（{classes}），实际为 {value}</translation>
    </message>
    <message>
        <source>unknown generator {name!r}; choose one of: {valid}</source>
        <translation>未知的数据生成器 {name!r}；请选择以下之一：{valid}</translation>
    </message>
    <message>
        <source>{key} must be &lt;= {maximum:_}, got {value}</source>
        <translation>{key} 必须 &lt;= {maximum:_}，实际为 {value}</translation>
    </message>
    <message>
        <source>unknown parameter {name!r} for generator {generator!r}; valid parameters: none</source>
        <translation>数据生成器 {generator!r} 没有参数 {name!r}；它没有可设置的参数</translation>
    </message>
    <message>
        <source>unknown parameter {name!r} for generator {generator!r}; valid parameters: {valid}</source>
        <translation>数据生成器 {generator!r} 没有参数 {name!r}；可设置的参数：{valid}</translation>
    </message>
    <message>
        <source>{key} must be a finite number, got {value!r}</source>
        <translation>{key} 必须是有限的数，实际为 {value!r}</translation>
    </message>
    <message>
        <source>{key} must be &gt;= {minimum:g}, got {value!r}</source>
        <translation>{key} 必须 &gt;= {minimum:g}，实际为 {value!r}</translation>
    </message>
    <message>
        <source>{key} must be &lt;= {maximum:g}, got {value!r}</source>
        <translation>{key} 必须 &lt;= {maximum:g}，实际为 {value!r}</translation>
    </message>
    <message>
        <source>{key} must be in [{minimum}, {maximum}], got {value!r}</source>
        <translation>{key} 必须在 [{minimum}, {maximum}] 范围内，实际为 {value!r}</translation>
    </message>
    <message>
        <source>ONNX export needs the optional onnx package: pip install &quot;fnnsim[onnx]&quot;</source>
        <translation>导出 ONNX 需要可选的 onnx 包：pip install &quot;fnnsim[onnx]&quot;</translation>
    </message>
    <message>
        <source>layer {layer}: activation {name!r} has no ONNX form; exportable: {exportable}</source>
        <translation>第 {layer} 层：激活函数 {name!r} 没有对应的 ONNX 形式；可导出的有：{exportable}</translation>
    </message>
    <message>
        <source>{file}: no such file</source>
        <translation>{file}：文件不存在</translation>
    </message>
    <message>
        <source>{file}: is a folder, not a session file</source>
        <translation>{file}：这是文件夹，不是会话文件</translation>
    </message>
    <message>
        <source>{file}: the file is empty</source>
        <translation>{file}：文件是空的</translation>
    </message>
    <message>
        <source>{file}: not an fnnsim session, or damaged or truncated ({reason})</source>
        <translation>{file}：不是 fnnsim 会话，或者已损坏或不完整（{reason}）</translation>
    </message>
    <message>
        <source>{file}: damaged or truncated ({reason})</source>
        <translation>{file}：已损坏或不完整（{reason}）</translation>
    </message>
    <message>
        <source>{file}: damaged or truncated (the end of the zip archive is missing)</source>
        <translation>{file}：已损坏或不完整（zip 压缩包的结尾缺失）</translation>
    </message>
    <message>
        <source>{file}: not an fnnsim session (a session is a zip archive, and this file is not one)</source>
        <translation>{file}：不是 fnnsim 会话（会话文件是 zip 压缩包，而这个文件不是）</translation>
    </message>
    <message>
        <source>{count} entries: not a session</source>
        <translation>有 {count} 个条目：不是会话</translation>
    </message>
    <message>
        <source>absurd size: its entries unpack to more than {size} GiB</source>
        <translation>大小不合理：其中的条目解压后超过 {size} GiB</translation>
    </message>
    <message>
        <source>missing entry {name!r}</source>
        <translation>缺少条目 {name!r}</translation>
    </message>
    <message>
        <source>entry {name!r}: absurd size ({size:,} bytes)</source>
        <translation>条目 {name!r}：大小不合理（{size:,} 字节）</translation>
    </message>
    <message>
        <source>entry {name!r} cannot be read ({reason})</source>
        <translation>无法读取条目 {name!r}（{reason}）</translation>
    </message>
    <message>
        <source>entry {name!r} holds Python objects (pickle): refused</source>
        <translation>条目 {name!r} 含有 Python 对象（pickle）：拒绝读取</translation>
    </message>
    <message>
        <source>entry {name!r} holds {found}, expected text</source>
        <translation>条目 {name!r} 的类型是 {found}，应为文本</translation>
    </message>
    <message>
        <source>entry {name!r} holds {found}, expected {expected}</source>
        <translation>条目 {name!r} 的类型是 {found}，应为 {expected}</translation>
    </message>
    <message>
        <source>entry {name!r} is damaged: its size does not fit its shape {shape}</source>
        <translation>条目 {name!r} 已损坏：其大小与形状 {shape} 不符</translation>
    </message>
    <message>
        <source>entry {name!r} has {found} dimensions, expected {expected}</source>
        <translation>条目 {name!r} 是 {found} 维的，应为 {expected} 维</translation>
    </message>
    <message>
        <source>entry {name!r} has shape {found}, expected {expected}</source>
        <translation>条目 {name!r} 的形状是 {found}，应为 {expected}</translation>
    </message>
    <message>
        <source>entry {name!r} holds NaN or infinite values</source>
        <translation>条目 {name!r} 含有 NaN 或无穷大的值</translation>
    </message>
    <message>
        <source>entry {name!r} is damaged or not a NumPy array ({reason})</source>
        <translation>条目 {name!r} 已损坏或不是 NumPy 数组（{reason}）</translation>
    </message>
    <message>
        <source>entry {name!r}: unsupported .npy version {version}</source>
        <translation>条目 {name!r}：不支持的 .npy 版本 {version}</translation>
    </message>
    <message>
        <source>this is a weights file, not a session (import it with File → Import weights, or fnnsim train --init-weights)</source>
        <translation>这是权重文件，不是会话（请用“文件 → 导入权重”或 fnnsim train --init-weights 导入）</translation>
    </message>
    <message>
        <source>not an fnnsim session (it has no &apos;session&apos; entry)</source>
        <translation>不是 fnnsim 会话（其中没有 &apos;session&apos; 条目）</translation>
    </message>
    <message>
        <source>config: {problem}</source>
        <translation>配置：{problem}</translation>
    </message>
    <message>
        <source>network {network} does not fit the config and data (layer sizes {sizes}, activations {activations})</source>
        <translation>网络 {network} 与配置和数据不符（各层神经元数 {sizes}，激活函数 {activations}）</translation>
    </message>
    <message>
        <source>the run&apos;s state does not fit its data: {problem}</source>
        <translation>训练状态与其数据不符：{problem}</translation>
    </message>
    <message>
        <source>entry &apos;session&apos;: absurd size</source>
        <translation>条目 &apos;session&apos;：大小不合理</translation>
    </message>
    <message>
        <source>entry &apos;session&apos; is not valid JSON ({reason})</source>
        <translation>条目 &apos;session&apos; 不是有效的 JSON（{reason}）</translation>
    </message>
    <message>
        <source>not an fnnsim session (its format is not {expected!r})</source>
        <translation>不是 fnnsim 会话（其格式不是 {expected!r}）</translation>
    </message>
    <message>
        <source>unknown session version {version!r}</source>
        <translation>未知的会话版本 {version!r}</translation>
    </message>
    <message>
        <source>written by a newer fnnsim ({written_by}, session version {version}); this fnnsim {this_fnnsim} reads session version {readable}: update fnnsim to open it</source>
        <translation>由较新的 fnnsim 写入（{written_by}，会话版本 {version}）；当前的 fnnsim {this_fnnsim} 只能读取会话版本 {readable}：请更新 fnnsim 后再打开</translation>
    </message>
    <message>
        <source>missing {name!r}</source>
        <translation>缺少 {name!r}</translation>
    </message>
    <message>
        <source>{name!r} must be {expected}, got {value!r:.60}</source>
        <translation>{name!r} 必须是 {expected}，实际为 {value!r:.60}</translation>
    </message>
    <message>
        <source>{name!r} must be &gt;= {minimum}, got {value}</source>
        <translation>{name!r} 必须 &gt;= {minimum}，实际为 {value}</translation>
    </message>
    <message>
        <source>training data: {problem}</source>
        <translation>训练集：{problem}</translation>
    </message>
    <message>
        <source>validation data: {problem}</source>
        <translation>验证集：{problem}</translation>
    </message>
    <message>
        <source>the validation data does not match the training data</source>
        <translation>验证集与训练集不匹配</translation>
    </message>
    <message>
        <source>standardizer: {problem}</source>
        <translation>标准化参数：{problem}</translation>
    </message>
    <message>
        <source>{name!r} must be a list of names</source>
        <translation>{name!r} 必须是名称列表</translation>
    </message>
    <message>
        <source>initial_weights: {problem}</source>
        <translation>初始权重：{problem}</translation>
    </message>
    <message>
        <source>current weights: {problem}</source>
        <translation>当前权重：{problem}</translation>
    </message>
    <message>
        <source>settings: {problem}</source>
        <translation>训练设置：{problem}</translation>
    </message>
    <message>
        <source>absurd history size: ring {ring:,}, buckets {buckets:,}</source>
        <translation>训练记录的大小不合理：最近样本 {ring:,} 个，分桶 {buckets:,} 个</translation>
    </message>
    <message>
        <source>the history holds {total} samples, but epoch {epoch} sample {position} of {per_epoch} per epoch means {expected}</source>
        <translation>训练记录中有 {total} 个样本，但第 {epoch} 轮、第 {position} 个样本（每轮 {per_epoch} 个）意味着应有 {expected} 个</translation>
    </message>
    <message>
        <source>sample history: {problem}</source>
        <translation>逐样本训练记录：{problem}</translation>
    </message>
    <message>
        <source>best epoch {best_epoch} or wait {wait} after epoch {epoch}</source>
        <translation>最佳轮次 {best_epoch} 或等待轮数 {wait} 超过了当前轮次 {epoch}</translation>
    </message>
    <message>
        <source>rng: only NumPy&apos;s PCG64 generator state is read</source>
        <translation>rng：只能读取 NumPy 的 PCG64 生成器状态</translation>
    </message>
    <message>
        <source>give a config file or --resume SESSION (one of the two)</source>
        <translation>请给出配置文件或 --resume SESSION（二者只选其一）</translation>
    </message>
    <message>
        <source>--out {path} exists and is not a folder</source>
        <translation>--out {path} 已存在，且不是文件夹</translation>
    </message>
    <message>
        <source>--resume goes on from the saved run: --seed and --init-weights do not apply</source>
        <translation>--resume 从保存的训练接着进行：--seed 和 --init-weights 不适用</translation>
    </message>
    <message>
        <source>--epochs must be &gt;= 1, got {value}</source>
        <translation>--epochs 至少为 1，实际为 {value}</translation>
    </message>
    <message>
        <source>{file} stopped early at epoch {epoch} (best epoch {best}): there is nothing to train</source>
        <translation>{file} 已在第 {epoch} 轮早停（最佳为第 {best} 轮）：没有可继续训练的内容</translation>
    </message>
    <message>
        <source>{file} has no epoch limit: give --epochs N</source>
        <translation>{file} 没有轮次上限：请给出 --epochs N</translation>
    </message>
    <message>
        <source>{file} already reached its limit of {epochs} epochs: give --epochs N to train more</source>
        <translation>{file} 已达到 {epochs} 轮的上限：要继续训练，请给出 --epochs N</translation>
    </message>
    <message>
        <source>unknown loss {value!r}; choose one of {expected}</source>
        <translation>未知的损失函数 {value!r}；请从 {expected} 中选择</translation>
    </message>
    <message>
        <source>unknown output activation {value!r}; choose one of {expected}</source>
        <translation>未知的输出层激活函数 {value!r}；请从 {expected} 中选择</translation>
    </message>
    <message>
        <source>loss {name!r} needs a {needed} output, got {found!r}</source>
        <translation>损失函数 {name!r} 需要 {needed} 输出层，实际为 {found!r}</translation>
    </message>
    <message>
        <source>a softmax output needs at least 2 units (one per class); use sigmoid for 1 unit</source>
        <translation>softmax 输出层至少需要 2 个神经元（每类一个）；只有 1 个神经元时请用 sigmoid</translation>
    </message>
    <message>
        <source>{name} must have shape {needed}, got {shape}</source>
        <translation>{name} 的形状必须是 {needed}，实际为 {shape}</translation>
    </message>
    <message>
        <source>unknown initializer {value!r}; choose one of {expected}</source>
        <translation>未知的初始化方法 {value!r}；请从 {expected} 中选择</translation>
    </message>
    <message>
        <source>expected {needed} weight matrices and bias vectors, got {found_weights} and {found_biases}</source>
        <translation>应有 {needed} 个权重矩阵和偏置向量，实际为 {found_weights} 个和 {found_biases} 个</translation>
    </message>
    <message>
        <source>W{layer} or b{layer} holds a NaN or infinite value</source>
        <translation>W{layer} 或 b{layer} 含有 NaN 或无穷大的值</translation>
    </message>
    <message>
        <source>a network needs at least an input and an output layer</source>
        <translation>网络至少需要一个输入层和一个输出层</translation>
    </message>
    <message>
        <source>layer {layer} width must be a positive integer, got {value!r}</source>
        <translation>第 {layer} 层的神经元数量必须是正整数，实际为 {value!r}</translation>
    </message>
    <message>
        <source>hidden layer {layer} width must be &lt;= {limit}, got {value}</source>
        <translation>第 {layer} 层（隐藏层）的神经元数量不能超过 {limit}，实际为 {value}</translation>
    </message>
    <message>
        <source>expected {needed} activations (one per layer after the input), got {found}</source>
        <translation>应有 {needed} 个激活函数（输入层之后每层一个），实际为 {found} 个</translation>
    </message>
    <message>
        <source>hidden layer {layer} activation {name!r} is not one of {expected}</source>
        <translation>第 {layer} 层（隐藏层）的激活函数 {name!r} 不是 {expected} 之一</translation>
    </message>
    <message>
        <source>{name} must be &gt; 0, got {value}</source>
        <translation>{name} 必须大于 0，实际为 {value}</translation>
    </message>
    <message>
        <source>{name} must be &gt;= 0, got {value}</source>
        <translation>{name} 不能小于 0，实际为 {value}</translation>
    </message>
    <message>
        <source>{name} must be one of {expected}, got {value!r}</source>
        <translation>{name} 只能是 {expected} 之一，实际为 {value!r}</translation>
    </message>
    <message>
        <source>the loss became {value}; the last finite weights are kept</source>
        <translation>损失变成了 {value}；已保留最后一组有限的权重</translation>
    </message>
    <message>
        <source>a weight became infinite or NaN; the last finite weights are kept</source>
        <translation>某个权重变成了无穷大或 NaN；已保留最后一组有限的权重</translation>
    </message>
    <message>
        <source>{file}: cannot read: {problem}</source>
        <translation>{file}：无法读取：{problem}</translation>
    </message>
    <message>
        <source>{file}: weights files are {expected}, not {found}</source>
        <translation>{file}：权重文件须为 {expected} 格式，不能是 {found}</translation>
    </message>
    <message>
        <source>a file without a suffix</source>
        <translation>没有扩展名的文件</translation>
    </message>
    <message>
        <source>the file has {found} layers with weights, the network {needed} (layer sizes {sizes})</source>
        <translation>文件中有 {found} 层权重，网络却有 {needed} 层（各层神经元数量 {sizes}）</translation>
    </message>
    <message>
        <source>layer {layer}: the file has {name} of shape {shape}, the network needs {needed}</source>
        <translation>第 {layer} 层：文件中 {name} 的形状为 {shape}，网络需要的是 {needed}</translation>
    </message>
    <message>
        <source>the file&apos;s architecture does not list {needed} activations</source>
        <translation>文件中的网络结构没有列出 {needed} 个激活函数</translation>
    </message>
    <message>
        <source>layer {layer}: the file&apos;s activation is {found}, the network&apos;s {expected} (file: {file_activations}; network: {network_activations}); set the network&apos;s activations to match, then import</source>
        <translation>第 {layer} 层：文件中的激活函数是 {found}，网络中的是 {expected}（文件：{file_activations}；网络：{network_activations}）；请先把网络的激活函数设成一致，再导入</translation>
    </message>
    <message>
        <source>missing array(s) {names}</source>
        <translation>缺少数组 {names}</translation>
    </message>
    <message>
        <source>the architecture entry is not valid JSON ({problem})</source>
        <translation>architecture 条目不是有效的 JSON（{problem}）</translation>
    </message>
    <message>
        <source>not a readable .npz weights file ({problem})</source>
        <translation>不是可读取的 .npz 权重文件（{problem}）</translation>
    </message>
    <message>
        <source>{name} must hold numbers, not {found}</source>
        <translation>{name} 必须由数值组成，不能是 {found}</translation>
    </message>
    <message>
        <source>not valid JSON: {problem} at line {line}</source>
        <translation>不是有效的 JSON（第 {line} 行）：{problem}</translation>
    </message>
    <message>
        <source>not an fnnsim weights file (no &quot;format&quot;: &quot;{name}&quot;)</source>
        <translation>不是 fnnsim 权重文件（没有 &quot;format&quot;: &quot;{name}&quot;）</translation>
    </message>
    <message>
        <source>unsupported weights file version {value!r}</source>
        <translation>不支持的权重文件版本 {value!r}</translation>
    </message>
    <message>
        <source>&quot;layers&quot; must be a list</source>
        <translation>&quot;layers&quot; 必须是列表</translation>
    </message>
    <message>
        <source>layer {layer} must be an object with W and b</source>
        <translation>第 {layer} 层必须是含有 W 和 b 的对象</translation>
    </message>
    <message>
        <source>{name} must hold only numbers</source>
        <translation>{name} 只能包含数值</translation>
    </message>
    <message>
        <source>{name} rows have different lengths</source>
        <translation>{name} 各行的长度不一致</translation>
    </message>
    <message>
        <source>{name} must be a matrix</source>
        <translation>{name} 必须是矩阵</translation>
    </message>
    <message>
        <source>{name} must be a vector</source>
        <translation>{name} 必须是向量</translation>
    </message>
    <message>
        <source>line {line}: the header must be {header}</source>
        <translation>第 {line} 行：表头必须是 {header}</translation>
    </message>
    <message>
        <source>line {line}: expected 5 cells, found {found}</source>
        <translation>第 {line} 行：应有 5 个单元格，实际有 {found} 个</translation>
    </message>
    <message>
        <source>line {line}: {problem}</source>
        <translation>第 {line} 行：{problem}</translation>
    </message>
    <message>
        <source>line {line}: value must be a finite number, got {value!r}</source>
        <translation>第 {line} 行：value 必须是有限的数，实际为 {value!r}</translation>
    </message>
    <message>
        <source>line {line}: no parameter {name} (param is W or b, layers count from 1)</source>
        <translation>第 {line} 行：没有参数 {name}（param 为 W 或 b，层从 1 开始编号）</translation>
    </message>
    <message>
        <source>line {line}: rows and columns count from 1</source>
        <translation>第 {line} 行：矩阵的行号和列号从 1 开始</translation>
    </message>
    <message>
        <source>line {line}: {name} row {row} column {column} appears twice</source>
        <translation>第 {line} 行：{name} 的第 {row} 行第 {column} 列出现了两次</translation>
    </message>
    <message>
        <source>the file has no {name}</source>
        <translation>文件中没有 {name}</translation>
    </message>
    <message>
        <source>{name} entry {index} is missing</source>
        <translation>{name} 中缺少 {index} 处的元素</translation>
    </message>
    <message>
        <source>fast path unavailable ({kind}: {problem}); using the reference engine</source>
        <translation>快速引擎不可用（{kind}：{problem}）；改用参考引擎</translation>
    </message>
    <message>
        <source>no weight W{layer}[{row}, {column}] in a network of layer sizes {sizes}</source>
        <translation>各层神经元数量为 {sizes} 的网络中没有权重 W{layer}[{row}, {column}]</translation>
    </message>
    <message>
        <source>{file}: could not encode the PNG</source>
        <translation>{file}：无法编码为 PNG 图像</translation>
    </message>
</context>
<context>
    <name>Exports</name>
    <message>
        <source>NumPy (*.npz);;JSON (*.json);;CSV long table (*.csv);;ONNX (*.onnx)</source>
        <translation>NumPy (*.npz);;JSON (*.json);;CSV 长表 (*.csv);;ONNX (*.onnx)</translation>
    </message>
    <message>
        <source>Export weights</source>
        <translation>导出权重</translation>
    </message>
    <message>
        <source>Export history (per epoch)</source>
        <translation>导出训练记录（按轮次）</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export all plots (PNG and SVG)</source>
        <translation>导出所有图表（PNG 和 SVG）</translation>
    </message>
    <message>
        <source>Export everything into a folder</source>
        <translation>全部导出到一个文件夹</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Exported to {0}</source>
        <translation>已导出到 {0}</translation>
    </message>
</context>
<context>
    <name>GradientCheckPanel</name>
    <message>
        <source>Hide the gradient check</source>
        <translation>隐藏梯度检验</translation>
    </message>
    <message>
        <source>&lt;b&gt;Gradient check&lt;/b&gt; · checking the next sample…</source>
        <translation>&lt;b&gt;梯度检验&lt;/b&gt; · 正在检验下一个样本…</translation>
    </message>
    <message>
        <source>inconclusive</source>
        <translation>无法判定</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>未通过</translation>
    </message>
    <message>
        <source>&lt;b&gt;Gradient check {0}&lt;/b&gt; · training row #{1}</source>
        <translation>&lt;b&gt;梯度检验{0}&lt;/b&gt; · 训练集第 #{1} 行</translation>
    </message>
    <message>
        <source>A network this large samples {0} weights and {1} biases per layer (not {2} and {3}), so that the check takes seconds, not minutes.</source>
        <translation>网络这么大时，每层只抽取 {0} 个权重和 {1} 个偏置（而不是 {2} 和 {3} 个），使检验只需几秒而不是几分钟。</translation>
    </message>
    <message>
        <source>On the next sample, per layer (every parameter of a small layer, a seeded sample of {0} weights and {1} biases of a big one): the largest relative difference |g − ĝ| / max(|g|, |ĝ|, floor) between backprop&apos;s gradient g (4.62), (4.63) and central differences ĝ = [8(L(θ + h) − L(θ − h)) − (L(θ + 2h) − L(θ − 2h))] / 12h, h = {2:.1e}·max(1, |θ|). Float64 rounding makes ĝ uncertain by about {3:g} × floor, so gradients below the floor ({4:.1e} on this sample) are compared absolutely. Below {3:g} passes.</source>
        <translation>在下一个样本上逐层比较（小的层检验全部参数，大的层按固定种子抽取 {0} 个权重和 {1} 个偏置）：反向传播的梯度 g (4.62)、(4.63) 与中心差分 ĝ = [8(L(θ + h) − L(θ − h)) − (L(θ + 2h) − L(θ − 2h))] / 12h（h = {2:.1e}·max(1, |θ|)）之间的最大相对差异 |g − ĝ| / max(|g|, |ĝ|, 下限)。float64 的舍入误差使 ĝ 约有 {3:g} × 下限 的不确定性，所以小于下限（本样本为 {4:.1e}）的梯度按绝对差异比较。小于 {3:g} 即为通过。</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>W: max rel. diff</source>
        <translation>W：最大相对差异</translation>
    </message>
    <message>
        <source>b: max rel. diff</source>
        <translation>b：最大相对差异</translation>
    </message>
    <message>
        <source>&lt; {0:g}</source>
        <translation>&lt; {0:g}</translation>
    </message>
    <message>
        <source>checked</source>
        <translation>已检验</translation>
    </message>
    <message>
        <source>{0} sampled parameters left out: there θ ± 2h moves a ReLU unit across its kink at z = 0, where the difference mixes two slopes and backprop rightly takes one.</source>
        <translation>有 {0} 个抽到的参数未计入：θ ± 2h 会让某个 ReLU 单元越过 z = 0 处的折点，差分在那里混合了两侧的斜率，而反向传播（正确地）只取其中一侧。</translation>
    </message>
    <message>
        <source>too small: every checked gradient of the layer is within the rounding error of the difference, so no check can tell (e.g. a sample the network already fits almost exactly).</source>
        <translation>太小：该层检验的每个梯度都在差分的舍入误差之内，任何检验都无法判断（例如网络已几乎完全拟合的样本）。</translation>
    </message>
    <message>
        <source>too small</source>
        <translation>太小</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>fail</source>
        <translation>未通过</translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>{0} / {1}</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Follow the system&apos;s language.</source>
        <translation>使用操作系统的语言。</translation>
    </message>
    <message>
        <source>The language changes when fnnsim is started again.</source>
        <translation>重新启动 fnnsim 后语言才会改变。</translation>
    </message>
    <message>
        <source>({0} is set, and it takes precedence.)</source>
        <translation>（已设置环境变量 {0}，它优先生效。）</translation>
    </message>
</context>
<context>
    <name>LayerRow</name>
    <message>
        <source>Units n_l of this layer; W^(l) has shape (n_l, n_(l−1)).</source>
        <translation>该层的神经元数量 n_l；W^(l) 的形状为 (n_l, n_(l−1))。</translation>
    </message>
    <message>
        <source>Activation f_l of this layer: a^(l) = f_l(z^(l)).</source>
        <translation>该层的激活函数 f_l：a^(l) = f_l(z^(l))。</translation>
    </message>
    <message>
        <source>Remove this hidden layer.</source>
        <translation>删除这个隐藏层。</translation>
    </message>
    <message>
        <source>Hidden layer l = {l}</source>
        <translation>隐藏层 l = {l}</translation>
    </message>
</context>
<context>
    <name>LivePlots</name>
    <message>
        <source>loss L</source>
        <translation>损失 L</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>‖W‖ (Frobenius)</source>
        <translation>‖W‖（Frobenius 范数）</translation>
    </message>
    <message>
        <source>‖δ‖ (log)</source>
        <translation>‖δ‖（对数坐标）</translation>
    </message>
    <message>
        <source>‖∂L/∂θ‖ (log)</source>
        <translation>‖∂L/∂θ‖（对数坐标）</translation>
    </message>
    <message>
        <source>‖ΔW‖ / ‖W‖ (log)</source>
        <translation>‖ΔW‖ / ‖W‖（对数坐标）</translation>
    </message>
    <message>
        <source>share of units</source>
        <translation>神经元占比</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>train (running mean)</source>
        <translation>训练集（滑动平均）</translation>
    </message>
    <message>
        <source>train (epoch)</source>
        <translation>训练集（每轮）</translation>
    </message>
    <message>
        <source>validation (epoch)</source>
        <translation>验证集（每轮）</translation>
    </message>
    <message>
        <source>before clipping</source>
        <translation>截断前</translation>
    </message>
    <message>
        <source>after clipping</source>
        <translation>截断后</translation>
    </message>
    <message>
        <source>clipping fired</source>
        <translation>发生截断</translation>
    </message>
    <message>
        <source>running mean over {0} samples</source>
        <translation>最近 {0} 个样本的滑动平均</translation>
    </message>
    <message>
        <source>saturated</source>
        <translation>饱和</translation>
    </message>
    <message>
        <source>dead (ReLU)</source>
        <translation>死亡（ReLU）</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Weight norm ‖W‖</source>
        <translation>权重范数 ‖W‖</translation>
    </message>
    <message>
        <source>Error signal ‖δ‖ per layer</source>
        <translation>各层误差信号 ‖δ‖</translation>
    </message>
    <message>
        <source>Gradient norm and clipping</source>
        <translation>梯度范数与梯度截断</translation>
    </message>
    <message>
        <source>Update ratio ‖ΔW‖/‖W‖</source>
        <translation>更新比例 ‖ΔW‖/‖W‖</translation>
    </message>
    <message>
        <source>Saturated and dead units</source>
        <translation>饱和与死亡的神经元</translation>
    </message>
    <message>
        <source>Accuracy is measured for classification only.</source>
        <translation>准确率只对分类任务计算。</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
</context>
<context>
    <name>Look</name>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Applies when fnnsim starts again</source>
        <translation>下次启动 fnnsim 时生效</translation>
    </message>
    <message>
        <source>Theme “{0}” saved: it applies when fnnsim starts again.</source>
        <translation>已保存主题“{0}”：下次启动 fnnsim 时生效。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>fnnsim — gradient dynamics in feedforward networks</source>
        <translation>fnnsim — 前馈神经网络中的梯度动态</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>场景</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Step inspector</source>
        <translation>单步检查器</translation>
    </message>
    <message>
        <source>Network diagram</source>
        <translation>网络结构图</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open recent</source>
        <translation>最近打开</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Scenarios</source>
        <translation>引导场景</translation>
    </message>
    <message>
        <source>the same network on the spiral data</source>
        <translation>同一个网络（数据改为螺旋 (spiral)）</translation>
    </message>
    <message>
        <source>The last experiment&apos;s data cannot be read ({0}), so the window opens {1} instead.</source>
        <translation>无法读取上次实验的数据（{0}），因此窗口改为打开{1}。</translation>
    </message>
    <message>
        <source>The last experiment&apos;s network no longer fits its data: {0} The window opens {1} instead.</source>
        <translation>上次实验的网络与它的数据不再相符：{0}因此窗口改为打开{1}。</translation>
    </message>
    <message>
        <source>Nothing trains until the network fits the data: {0} Use Fix in the Network panel.</source>
        <translation>网络与数据相符之前不会训练：{0}请使用“网络”面板中的“修正”按钮。</translation>
    </message>
    <message>
        <source>Stop training?</source>
        <translation>停止训练？</translation>
    </message>
    <message>
        <source>This change builds a new network and starts over. Stop training and apply it?</source>
        <translation>这项修改会构建一个新网络并从头开始。要停止训练并应用它吗？</translation>
    </message>
    <message>
        <source>Cannot use this data</source>
        <translation>无法使用这些数据</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>开始训练</translation>
    </message>
    <message>
        <source>Open config</source>
        <translation>打开配置</translation>
    </message>
    <message>
        <source>Experiment config (*.json)</source>
        <translation>实验配置 (*.json)</translation>
    </message>
    <message>
        <source>Cannot open config</source>
        <translation>无法打开配置</translation>
    </message>
    <message>
        <source>Save config</source>
        <translation>保存配置</translation>
    </message>
    <message>
        <source>Cannot save config</source>
        <translation>无法保存配置</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>About fnnsim</source>
        <translation>关于 fnnsim</translation>
    </message>
    <message>
        <source>fnnsim {0}: a simulator of gradient dynamics in feedforward neural networks, trained by per-sample SGD as in Algorithm 4.1.</source>
        <translation>fnnsim {0}：前馈神经网络梯度动态模拟器，按算法 4.1 逐样本做随机梯度下降训练。</translation>
    </message>
    <message>
        <source>Cannot open the last experiment</source>
        <translation>无法打开上次的实验</translation>
    </message>
</context>
<context>
    <name>NetworkBuilderPanel</name>
    <message>
        <source>Training is running: changing the network asks to stop it first.</source>
        <translation>训练正在进行：修改网络前会先询问是否停止训练。</translation>
    </message>
    <message>
        <source>Layer 0: one unit per input feature of the data.</source>
        <translation>第 0 层（输入层）：数据的每个输入特征对应一个神经元。</translation>
    </message>
    <message>
        <source>Hidden layers 1 … L−1, input side first.</source>
        <translation>隐藏层 1 … L−1，靠近输入层的在前。</translation>
    </message>
    <message>
        <source>Add layer</source>
        <translation>添加一层</translation>
    </message>
    <message>
        <source>Append a hidden layer (a copy of the last one) just before the output.</source>
        <translation>在输出层之前追加一个隐藏层（复制最后一个隐藏层）。</translation>
    </message>
    <message>
        <source>Hidden layers now, and the most the simulator builds.</source>
        <translation>当前隐藏层的数量，以及模拟器允许的最大层数。</translation>
    </message>
    <message>
        <source>Output activation: ŷ = f_L(z^(L)).</source>
        <translation>输出层的激活函数：ŷ = f_L(z^(L))。</translation>
    </message>
    <message>
        <source>Output units, from the data: 1 for 2 classes (unless softmax), K for K classes, one per target for regression.</source>
        <translation>输出神经元的数量由数据决定：2 类时为 1 个（softmax 除外），K 类时为 K 个，回归时每个目标一个。</translation>
    </message>
    <message>
        <source>Per-sample loss L(ŷ, y); choosing bce or cross_entropy also sets the output.</source>
        <translation>单个样本的损失函数 L(ŷ, y)；选择 bce 或 cross_entropy 会同时设定输出层的激活函数。</translation>
    </message>
    <message>
        <source>Apply the suggested output and loss.</source>
        <translation>采用建议的输出层激活函数和损失函数。</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>网络层</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入层</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出层</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>How W^(l) is drawn at the start; biases start at 0.</source>
        <translation>随机初始化 W^(l) 的方法；偏置初始为 0。</translation>
    </message>
    <message>
        <source>Multiplies every initial weight: large weights make δ explode, small ones make it vanish (δ^(l) = f′(z^(l)) ⊙ (W^(l+1))ᵀ δ^(l+1), formula 4.60).</source>
        <translation>所有初始权重乘以这个系数：权重过大导致 δ 梯度爆炸，过小导致梯度消失（δ^(l) = f′(z^(l)) ⊙ (W^(l+1))ᵀ δ^(l+1)，公式 4.60）。</translation>
    </message>
    <message>
        <source>Seed of the initial weights; auto derives it from the experiment seed.</source>
        <translation>初始权重的随机种子；自动 = 由实验的种子导出。</translation>
    </message>
    <message>
        <source>Rewind</source>
        <translation>倒回</translation>
    </message>
    <message>
        <source>Start over from the same initial weights (same seed).</source>
        <translation>从相同的初始权重（相同的种子）重新开始。</translation>
    </message>
    <message>
        <source>Initial weights</source>
        <translation>初始权重</translation>
    </message>
    <message>
        <source>Initializer</source>
        <translation>初始化方法</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>缩放系数</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Loss {loss} is for classification, but this data is regression.</source>
        <translation>损失函数 {loss} 用于分类，但这些数据是回归任务。</translation>
    </message>
    <message>
        <source>Loss {loss} needs a {required} output, not {output}.</source>
        <translation>损失函数 {loss} 需要 {required} 输出层，而不是 {output}。</translation>
    </message>
    <message>
        <source>A softmax output needs at least 2 units (one per class); this data gives {n}.</source>
        <translation>softmax 输出层至少需要 2 个神经元（每类一个）；这些数据只给出 {n} 个。</translation>
    </message>
    <message>
        <source>1 unit</source>
        <translation>1 个神经元</translation>
    </message>
    <message>
        <source>{n} units</source>
        <translation>{n} 个神经元</translation>
    </message>
    <message>
        <source>{n} hidden (max {max})</source>
        <translation>{n} 个隐藏层（最多 {max} 个）</translation>
    </message>
    <message>
        <source>Fix: use {output} output with {loss} loss</source>
        <translation>修正：输出层用 {output}，损失函数用 {loss}</translation>
    </message>
</context>
<context>
    <name>NetworkDiagram</name>
    <message>
        <source>{0} more units of layer {1} are not drawn; the {2} drawn have the largest weights in and out.</source>
        <translation>第 {1} 层还有 {0} 个神经元没有画出；画出的 {2} 个是输入和输出权重最大的。</translation>
    </message>
    <message>
        <source>in</source>
        <translation>入</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入层</translation>
    </message>
    <message>
        <source>out</source>
        <translation>出</translation>
    </message>
    <message>
        <source>output · {0}</source>
        <translation>输出层 · {0}</translation>
    </message>
    <message>
        <source>layer {0} · {1}</source>
        <translation>第 {0} 层 · {1}</translation>
    </message>
    <message>
        <source>W^({0})[{1}, {2}] = {3}</source>
        <translation>W^({0})[{1}, {2}] = {3}</translation>
    </message>
    <message>
        <source>from unit {0} of layer {1} to unit {2} of layer {3}</source>
        <translation>从第 {1} 层的神经元 {0} 到第 {3} 层的神经元 {2}</translation>
    </message>
    <message>
        <source>∂L/∂W^({0})[{1}, {2}] = {3}  (this sample, before clipping)</source>
        <translation>∂L/∂W^({0})[{1}, {2}] = {3}（本样本，截断前）</translation>
    </message>
    <message>
        <source>Click to edit this weight.</source>
        <translation>单击以修改这个权重。</translation>
    </message>
    <message>
        <source>input {0} (unit {1})</source>
        <translation>输入 {0}（神经元 {1}）</translation>
    </message>
    <message>
        <source>output unit {0} · {1}</source>
        <translation>输出神经元 {0} · {1}</translation>
    </message>
    <message>
        <source>layer {0}, unit {1} · {2}</source>
        <translation>第 {0} 层，神经元 {1} · {2}</translation>
    </message>
    <message>
        <source>Click to edit the bias b^({0})[{1}].</source>
        <translation>单击以修改偏置 b^({0})[{1}]。</translation>
    </message>
    <message>
        <source>New value of the bias b^({0})[{1}]:</source>
        <translation>偏置 b^({0})[{1}] 的新值：</translation>
    </message>
    <message>
        <source>New value of the weight W^({0})[{1}, {2}]:</source>
        <translation>权重 W^({0})[{1}, {2}] 的新值：</translation>
    </message>
    <message>
        <source>negative</source>
        <translation>负</translation>
    </message>
    <message>
        <source>positive</source>
        <translation>正</translation>
    </message>
    <message>
        <source>line width ∝ |w|; node colour = its value</source>
        <translation>线宽 ∝ |w|；节点颜色 = 它的值</translation>
    </message>
    <message>
        <source>Units drawn: {0} (largest weights).</source>
        <translation>画出的神经元：{0}（权重最大的）。</translation>
    </message>
    <message>
        <source>Connections drawn: {0} of {1} (largest |w| per layer).</source>
        <translation>画出的连接：{1} 条中的 {0} 条（每层 |w| 最大的）。</translation>
    </message>
    <message>
        <source>the first training point</source>
        <translation>第一个训练样本</translation>
    </message>
    <message>
        <source>the chosen sample</source>
        <translation>所选样本</translation>
    </message>
    <message>
        <source>Unit colours: a for {0}; hover for numbers.</source>
        <translation>神经元颜色：{0} 的激活值 a；悬停可查看数值。</translation>
    </message>
    <message>
        <source>Unit maps need 2 inputs.</source>
        <translation>神经元响应图需要 2 个输入。</translation>
    </message>
    <message>
        <source>No unit maps: too many units.</source>
        <translation>神经元太多，不显示响应图。</translation>
    </message>
    <message>
        <source>Unit maps need the data&apos;s range.</source>
        <translation>神经元响应图需要数据的范围。</translation>
    </message>
    <message>
        <source>Forward, layer {0}: nodes show a of the traced sample up to layer {0}; numbers are z and a.</source>
        <translation>前馈，第 {0} 层：节点显示所追踪样本直到第 {0} 层的激活值 a；数字为 z 和 a。</translation>
    </message>
    <message>
        <source>Backward, layer {0}: nodes of layers ≥ {0} show δ (one scale for all layers, ±{1}); numbers are δ^({0}).</source>
        <translation>反向传播，第 {0} 层：第 {0} 层及之后各层的节点显示 δ（所有层同一色标，±{1}）；数字为 δ^({0})。</translation>
    </message>
    <message>
        <source>Gradients, layer {0}: ∂L/∂W^({0}) = δ^({0}) a^({1})ᵀ — hover a connection to read it.</source>
        <translation>梯度，第 {0} 层：∂L/∂W^({0}) = δ^({0}) a^({1})ᵀ — 悬停在连接上可查看。</translation>
    </message>
    <message>
        <source>Loss of the traced sample: L = {0}.</source>
        <translation>所追踪样本的损失：L = {0}。</translation>
    </message>
    <message>
        <source>Gradient clipping</source>
        <translation>梯度截断</translation>
    </message>
    <message>
        <source>Weight penalty</source>
        <translation>权重正则化</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>更新参数</translation>
    </message>
    <message>
        <source>{0}: nodes show δ of every layer (±{1}).</source>
        <translation>{0}：节点显示各层的 δ（±{1}）。</translation>
    </message>
    <message>
        <source>Unit maps</source>
        <translation>神经元响应图</translation>
    </message>
    <message>
        <source>Show what each unit computes over the input plane (2 inputs only).</source>
        <translation>显示每个神经元在输入平面上的输出（仅限 2 个输入）。</translation>
    </message>
    <message>
        <source>Too little room for every number: hover a unit for its value.</source>
        <translation>空间不足以显示全部数值：将鼠标悬停在神经元上可查看其值。</translation>
    </message>
    <message>
        <source>Edit parameter</source>
        <translation>修改参数</translation>
    </message>
</context>
<context>
    <name>ScenarioPanel</name>
    <message>
        <source>Your own experiment</source>
        <translation>你自己的实验</translation>
    </message>
    <message>
        <source>Help → Scenarios has guided experiments: vanishing and exploding gradients, clipping, L2, early stopping, and why a neuron needs its bias.</source>
        <translation>“帮助 → 引导场景”中有引导实验：梯度消失与梯度爆炸、梯度截断、L2 正则化、早停，以及神经元为什么需要偏置。</translation>
    </message>
</context>
<context>
    <name>SeedSpinBox</name>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
</context>
<context>
    <name>Sessions</name>
    <message>
        <source>fnnsim session (*.fnnsession)</source>
        <translation>fnnsim 会话 (*.fnnsession)</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <source>Opening session {0}…</source>
        <translation>正在打开会话 {0}…</translation>
    </message>
    <message>
        <source>Cannot open session</source>
        <translation>无法打开会话</translation>
    </message>
    <message>
        <source>Opened session {0}</source>
        <translation>已打开会话 {0}</translation>
    </message>
    <message>
        <source>Save session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Clear recent</source>
        <translation>清除最近打开</translation>
    </message>
    <message>
        <source>Cannot save session</source>
        <translation>无法保存会话</translation>
    </message>
    <message>
        <source>Saved session {0}</source>
        <translation>已保存会话 {0}</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>epoch 0</source>
        <translation>第 0 轮</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练中</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>Diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <source>epoch {0}</source>
        <translation>第 {0} 轮</translation>
    </message>
    <message>
        <source>sample {0} ({1} in all)</source>
        <translation>样本 {0}（累计 {1}）</translation>
    </message>
    <message>
        <source>{0} samples/s</source>
        <translation>{0} 样本/秒</translation>
    </message>
    <message>
        <source>train loss {0}</source>
        <translation>训练损失 {0}</translation>
    </message>
    <message>
        <source>val loss {0}</source>
        <translation>验证损失 {0}</translation>
    </message>
    <message>
        <source>(best epoch {0}&apos;s weights)</source>
        <translation>（最佳轮次第 {0} 轮的权重）</translation>
    </message>
    <message>
        <source>fast engine</source>
        <translation>快速引擎</translation>
    </message>
    <message>
        <source>reference engine</source>
        <translation>参考引擎</translation>
    </message>
    <message>
        <source>compiled per-sample SGD (Numba)</source>
        <translation>编译后的逐样本随机梯度下降（Numba）</translation>
    </message>
</context>
<context>
    <name>StepInspector</name>
    <message>
        <source>{0} · min {1} · max {2} · ‖·‖ {3}</source>
        <translation>{0} · 最小 {1} · 最大 {2} · ‖·‖ {3}</translation>
    </message>
    <message>
        <source>{0} not finite</source>
        <translation>{0} 个非有限值</translation>
    </message>
    <message>
        <source>first {0}×{1} shown</source>
        <translation>只显示前 {0}×{1} 个</translation>
    </message>
    <message>
        <source>Forward, layer {0}</source>
        <translation>前馈计算，第 {0} 层</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Output error, layer {0}</source>
        <translation>输出层误差，第 {0} 层</translation>
    </message>
    <message>
        <source>Backward, layer {0}</source>
        <translation>反向传播，第 {0} 层</translation>
    </message>
    <message>
        <source>Gradients, layer {0}</source>
        <translation>参数的导数，第 {0} 层</translation>
    </message>
    <message>
        <source>Gradient clipping</source>
        <translation>梯度截断</translation>
    </message>
    <message>
        <source>Weight penalty</source>
        <translation>权重正则化</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>更新参数</translation>
    </message>
    <message>
        <source>line {0}</source>
        <translation>第 {0} 行</translation>
    </message>
    <message>
        <source>no clipping: {0} unchanged</source>
        <translation>不截断：{0} 不变</translation>
    </message>
    <message>
        <source>if ‖{0}‖ &amp;gt; θ: &amp;nbsp;{0} ← {0}·θ/‖{0}‖ &amp;nbsp;(all layers)</source>
        <translation>若 ‖{0}‖ &amp;gt; θ：&amp;nbsp;{0} ← {0}·θ/‖{0}‖ &amp;nbsp;（所有层合起来）</translation>
    </message>
    <message>
        <source>if ‖{0}‖ &amp;gt; θ: &amp;nbsp;{0} ← {0}·θ/‖{0}‖ &amp;nbsp;(each layer)</source>
        <translation>若 ‖{0}‖ &amp;gt; θ：&amp;nbsp;{0} ← {0}·θ/‖{0}‖ &amp;nbsp;（逐层）</translation>
    </message>
    <message>
        <source>{0} ← clamp({0}, −θ, θ) &amp;nbsp;(each entry)</source>
        <translation>{0} ← clamp({0}, −θ, θ) &amp;nbsp;（逐个元素）</translation>
    </message>
    <message>
        <source>Layer {0} weighs the previous layer&apos;s activations, adds its bias and applies {1}.</source>
        <translation>第 {0} 层对前一层的激活值加权求和，加上偏置，再经过激活函数 {1}。</translation>
    </message>
    <message>
        <source>How far the output ŷ is from the target y, for this sample only.</source>
        <translation>输出 ŷ 与目标 y 相差多远（仅针对这个样本）。</translation>
    </message>
    <message>
        <source>The error signal at the output: how the loss changes with the output layer&apos;s net input z.</source>
        <translation>输出层的误差信号：损失随输出层净输入 z 的变化率。</translation>
    </message>
    <message>
        <source>δ is sent back through the next layer&apos;s weights and multiplied by f′ — repeated layer by layer, this is why gradients vanish or explode.</source>
        <translation>δ 经后一层的权重反向传回，再乘以激活函数的导数 f′ —— 逐层重复相乘，这正是梯度消失或梯度爆炸的原因。</translation>
    </message>
    <message>
        <source>Each weight&apos;s gradient is the error δ at its end times the activation a at its start (before clipping).</source>
        <translation>每个权重的梯度等于其终点的误差 δ 乘以其起点的激活值 a（截断前）。</translation>
    </message>
    <message>
        <source>Clipping caps the data gradient (before the penalty) at the threshold θ.</source>
        <translation>梯度截断把数据梯度（加正则化项之前）限制在阈值 θ 以内。</translation>
    </message>
    <message>
        <source>L2 adds λW, L1 adds λ₁ sign W to the weight gradients; biases are not penalised.</source>
        <translation>L2 正则化在权重梯度上加 λW，L1 加 λ₁ sign W；偏置不受惩罚。</translation>
    </message>
    <message>
        <source>Every weight and bias moves against its gradient, scaled by the learning rate α.</source>
        <translation>每个权重和偏置都沿梯度的反方向移动，步长由学习率 α 决定。</translation>
    </message>
    <message>
        <source>Step through one backpropagation of the next training sample, with the network&apos;s real numbers. Press &lt;b&gt;Next&lt;/b&gt; (N) to begin.</source>
        <translation>用网络的真实数值，逐步查看下一个训练样本的一次反向传播。按 &lt;b&gt;下一步&lt;/b&gt;（N）开始。</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Go back one phase (P or ,)</source>
        <translation>退回一个阶段（P 或 ,）</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Next phase (N or .): traces the next sample if none is shown; after the update phase, commits the sample</source>
        <translation>下一个阶段（N 或 .）：若尚未显示则追踪下一个样本；在更新参数阶段之后提交该样本</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Commit this sample&apos;s update now, as training would, and show it (F)</source>
        <translation>像训练时一样立即提交这个样本的参数更新，并显示结果（F）</translation>
    </message>
    <message>
        <source>Gradient check</source>
        <translation>梯度检验</translation>
    </message>
    <message>
        <source>Compare backprop&apos;s gradients with central differences on the next sample, layer by layer (G)</source>
        <translation>在下一个样本上逐层比较反向传播的梯度与中心差分（G）</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Close this trace without training on the sample (it trains normally later)</source>
        <translation>关闭这次追踪，不用这个样本训练（之后会正常训练它）</translation>
    </message>
    <message>
        <source>The note&apos;s formulas with this phase&apos;s layer numbers; on the right, the formula number or the line of Algorithm 4.1 in the lecture note</source>
        <translation>讲义中的公式，代入本阶段的层号；右侧是讲义中的公式编号或算法 4.1 的行号</translation>
    </message>
    <message>
        <source>Trace closed; the sample was not trained. Next (N) traces it again.</source>
        <translation>追踪已关闭；该样本没有参与训练。按下一步（N）重新追踪它。</translation>
    </message>
    <message>
        <source>Training has finished (epoch limit or early stopping): raise the limit or reset to step further.</source>
        <translation>训练已结束（达到轮次上限或早停）：提高上限或重置后才能继续单步。</translation>
    </message>
    <message>
        <source>Tracing the next sample…</source>
        <translation>正在追踪下一个样本…</translation>
    </message>
    <message>
        <source>Sample committed: the network now has the weights “after”. Next (N) traces the following sample.</source>
        <translation>样本已提交：网络现在的权重就是“更新后”的值。按下一步（N）追踪再下一个样本。</translation>
    </message>
    <message>
        <source>Training is running — pause to step through a sample.</source>
        <translation>训练正在进行 —— 请先暂停，再逐步查看一个样本。</translation>
    </message>
    <message>
        <source>Training diverged — reset (or lower the learning rate) to step again.</source>
        <translation>训练已发散 —— 请重置（或降低学习率）后再单步。</translation>
    </message>
    <message>
        <source>Press Next (N) to trace the next training sample.</source>
        <translation>按下一步（N）追踪下一个训练样本。</translation>
    </message>
    <message>
        <source>The network changed, so the open trace was closed. Next (N) traces the next sample.</source>
        <translation>网络已改变，所以关闭了当前的追踪。按下一步（N）追踪下一个样本。</translation>
    </message>
    <message>
        <source>sample {0} of {1}</source>
        <translation>第 {0} 个样本（共 {1} 个）</translation>
    </message>
    <message>
        <source>sample {0}</source>
        <translation>第 {0} 个样本</translation>
    </message>
    <message>
        <source>epoch {0}, {1}, training row #{2} · phase {3} of {4}</source>
        <translation>第 {0} 轮，{1}，训练集第 #{2} 行 · 第 {3} 个阶段（共 {4} 个）</translation>
    </message>
    <message>
        <source>weights: row n is node n of layer {0}, column m node m of layer {1}</source>
        <translation>权重：第 n 行对应第 {0} 层的节点 n，第 m 列对应第 {1} 层的节点 m</translation>
    </message>
    <message>
        <source>input x</source>
        <translation>输入 x</translation>
    </message>
    <message>
        <source>activations of layer {0}</source>
        <translation>第 {0} 层的激活值</translation>
    </message>
    <message>
        <source>biases</source>
        <translation>偏置</translation>
    </message>
    <message>
        <source>net input</source>
        <translation>净输入</translation>
    </message>
    <message>
        <source>output ŷ</source>
        <translation>输出 ŷ</translation>
    </message>
    <message>
        <source>activations</source>
        <translation>激活值</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>loss of this sample</source>
        <translation>本样本的损失</translation>
    </message>
    <message>
        <source>error of the output layer</source>
        <translation>输出层的误差</translation>
    </message>
    <message>
        <source>weights of layer {0}</source>
        <translation>第 {0} 层的权重</translation>
    </message>
    <message>
        <source>error of layer {0}</source>
        <translation>第 {0} 层的误差</translation>
    </message>
    <message>
        <source>net input of layer {0}</source>
        <translation>第 {0} 层的净输入</translation>
    </message>
    <message>
        <source>bias gradient</source>
        <translation>偏置的梯度</translation>
    </message>
    <message>
        <source>weight gradient</source>
        <translation>权重的梯度</translation>
    </message>
    <message>
        <source>L2 coefficient</source>
        <translation>L2 正则化系数</translation>
    </message>
    <message>
        <source>L1 coefficient</source>
        <translation>L1 正则化系数</translation>
    </message>
    <message>
        <source>added to ∂L/∂W^({0})</source>
        <translation>加到 ∂L/∂W^({0}) 上</translation>
    </message>
    <message>
        <source>gradient norm before clipping</source>
        <translation>截断前的梯度范数</translation>
    </message>
    <message>
        <source>after clipping</source>
        <translation>截断后</translation>
    </message>
    <message>
        <source>threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>per layer, before</source>
        <translation>逐层，截断前</translation>
    </message>
    <message>
        <source>scale factor per layer</source>
        <translation>各层的缩放因子</translation>
    </message>
    <message>
        <source>clipped</source>
        <translation>截断后</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>before</source>
        <translation>更新前</translation>
    </message>
    <message>
        <source>change</source>
        <translation>变化量</translation>
    </message>
    <message>
        <source>after</source>
        <translation>更新后</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新</translation>
    </message>
</context>
<context>
    <name>Tips</name>
    <message>
        <source>σ(z) = 1/(1 + e^(−z)); σ′ ≤ 0.25, so δ shrinks layer by layer.</source>
        <translation>σ(z) = 1/(1 + e^(−z))；σ′ ≤ 0.25，所以 δ 逐层衰减（梯度消失）。</translation>
    </message>
    <message>
        <source>tanh(z), outputs in (−1, 1); tanh′ = 1 − tanh² ≤ 1.</source>
        <translation>tanh(z)，输出在 (−1, 1) 内；tanh′ = 1 − tanh² ≤ 1。</translation>
    </message>
    <message>
        <source>max(0, z); derivative 1 for z &gt; 0, else 0 (a unit can die).</source>
        <translation>max(0, z)；z &gt; 0 时导数恒为 1，否则为 0（神经元可能“死亡”）。</translation>
    </message>
    <message>
        <source>z for z &gt; 0, else {slope}·z; never fully dead.</source>
        <translation>z &gt; 0 时为 z，否则为 {slope}·z；不会完全“死亡”。</translation>
    </message>
    <message>
        <source>f(z) = z; the usual output for regression.</source>
        <translation>f(z) = z；回归任务常用的输出层激活函数。</translation>
    </message>
    <message>
        <source>e^(z_k) / Σ_j e^(z_j): one unit per class, outputs sum to 1.</source>
        <translation>e^(z_k) / Σ_j e^(z_j)：每类一个神经元，输出之和为 1。</translation>
    </message>
    <message>
        <source>mean squared error; works with any output</source>
        <translation>均方误差；适用于任何输出层</translation>
    </message>
    <message>
        <source>binary cross-entropy; needs a sigmoid output, δ = ŷ − y</source>
        <translation>二元交叉熵；需要 sigmoid 输出层，δ = ŷ − y</translation>
    </message>
    <message>
        <source>cross-entropy; needs a softmax output, δ = ŷ − onehot(y)</source>
        <translation>交叉熵；需要 softmax 输出层，δ = ŷ − onehot(y)</translation>
    </message>
    <message>
        <source>Glorot: U(−r, r), r = √(6/(fan_in + fan_out)); suits tanh.</source>
        <translation>Glorot：U(−r, r)，r = √(6/(fan_in + fan_out))；适合 tanh。</translation>
    </message>
    <message>
        <source>Glorot: N(0, σ²), σ = √(2/(fan_in + fan_out)).</source>
        <translation>Glorot：N(0, σ²)，σ = √(2/(fan_in + fan_out))。</translation>
    </message>
    <message>
        <source>He: U(−r, r), r = √(6/fan_in); suits ReLU.</source>
        <translation>He：U(−r, r)，r = √(6/fan_in)；适合 ReLU。</translation>
    </message>
    <message>
        <source>He: N(0, σ²), σ = √(2/fan_in); suits ReLU.</source>
        <translation>He：N(0, σ²)，σ = √(2/fan_in)；适合 ReLU。</translation>
    </message>
    <message>
        <source>Plain N(0, 1); the scale is its standard deviation.</source>
        <translation>普通的 N(0, 1)；缩放系数即标准差。</translation>
    </message>
    <message>
        <source>Plain U(−1, 1); the scale is its half-width.</source>
        <translation>普通的 U(−1, 1)；缩放系数即区间半宽。</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <source>Learning rate α, the step size: after every sample W ← W − α ∂L/∂W and b ← b − α δ (Algorithm 4.1, lines 10–11); the arrows step 1-2-5.</source>
        <translation>学习率 α，即步长：每个样本之后 W ← W − α ∂L/∂W，b ← b − α δ（算法 4.1 第 10–11 行）；箭头按 1-2-5 步进。</translation>
    </message>
    <message>
        <source>Turn L2 weight decay on or off (off: λ = 0).</source>
        <translation>开启或关闭 L2 正则化（关闭时 λ = 0）。</translation>
    </message>
    <message>
        <source>Regularization coefficient λ: W ← W − α (δaᵀ + λW) (Algorithm 4.1, line 10), i.e. loss + λ/2‖W‖², so each step shrinks W by αλW; biases are not penalised.</source>
        <translation>正则化系数 λ：W ← W − α (δaᵀ + λW)（算法 4.1 第 10 行），即损失函数加上 λ/2‖W‖²，每一步使 W 缩小 αλW；偏置不受惩罚。</translation>
    </message>
    <message>
        <source>Turn the L1 penalty on or off (off: λ₁ = 0).</source>
        <translation>开启或关闭 L1 正则化（关闭时 λ₁ = 0）。</translation>
    </message>
    <message>
        <source>L1 coefficient λ₁: adds λ₁ sign(W) to the weight gradient (loss + λ₁‖W‖₁), pushing small weights to exactly 0; biases are not penalised.</source>
        <translation>L1 正则化系数 λ₁：在权重梯度上加 λ₁ sign(W)（损失函数加上 λ₁‖W‖₁），把较小的权重推向 0；偏置不受惩罚。</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>No clipping.</source>
        <translation>不做梯度截断。</translation>
    </message>
    <message>
        <source>Global norm</source>
        <translation>全局范数</translation>
    </message>
    <message>
        <source>If ‖g‖ &gt; θ over all layers&apos; W and b together, g ← g·θ/‖g‖.</source>
        <translation>若所有层的 W 和 b 合起来的 ‖g‖ &gt; θ，则 g ← g·θ/‖g‖。</translation>
    </message>
    <message>
        <source>Per-layer norm</source>
        <translation>逐层范数</translation>
    </message>
    <message>
        <source>For each layer, if ‖(∂W, ∂b)‖ &gt; θ, scale that layer&apos;s gradient to norm θ.</source>
        <translation>对每一层，若 ‖(∂W, ∂b)‖ &gt; θ，则把该层的梯度缩放到范数为 θ。</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>逐元素</translation>
    </message>
    <message>
        <source>Clamp every gradient element to [−θ, θ].</source>
        <translation>把梯度的每个元素限制在 [−θ, θ] 内。</translation>
    </message>
    <message>
        <source>Gradient clipping against exploding gradients: caps the data gradient (δaᵀ, δ) at the threshold θ before L2/L1 is added.</source>
        <translation>梯度截断，用于应对梯度爆炸：在加上 L2/L1 正则化项之前，把数据梯度（δaᵀ, δ）限制在阈值 θ 以内。</translation>
    </message>
    <message>
        <source>Clipping threshold θ: the largest gradient norm (or element, for Value) allowed.</source>
        <translation>梯度截断阈值 θ：允许的最大梯度范数（逐元素模式下为最大元素值）。</translation>
    </message>
    <message>
        <source>Early stopping: stop when the error on the validation set V has not fallen for `patience` epochs (Algorithm 4.1, line 13) and keep the best weights.</source>
        <translation>早停：当验证集 V 上的错误率连续 `patience` 轮不再下降时停止训练（算法 4.1 第 13 行），并保留最好的权重。</translation>
    </message>
    <message>
        <source>patience </source>
        <translation>耐心轮数 </translation>
    </message>
    <message>
        <source>Epochs without a better validation error before training stops.</source>
        <translation>验证集错误率没有改善、允许持续的轮数，超过即停止训练。</translation>
    </message>
    <message>
        <source>Training pauses after this many epochs (passes over the training set D).</source>
        <translation>训练这么多轮（遍历训练集 D 的次数）后暂停。</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Train until paused (or stopped early).</source>
        <translation>一直训练，直到手动暂停（或早停）。</translation>
    </message>
    <message>
        <source>Learning rate α</source>
        <translation>学习率 α</translation>
    </message>
    <message>
        <source>L2 λ</source>
        <translation>L2 λ</translation>
    </message>
    <message>
        <source>L1 λ₁</source>
        <translation>L1 λ₁</translation>
    </message>
    <message>
        <source>Clipping</source>
        <translation>梯度截断</translation>
    </message>
    <message>
        <source>Early stop</source>
        <translation>早停</translation>
    </message>
    <message>
        <source>Max epochs</source>
        <translation>最大轮数</translation>
    </message>
</context>
<context>
    <name>TrainingWorker</name>
    <message>
        <source>This run is finished: it reached its limit of {0} epochs. Raise Max epochs or tick no limit to go on, or Reset to start over.</source>
        <translation>本次训练已结束：已达到 {0} 轮的上限。调高“最大轮数”或勾选“不限”可以继续，或按“重置”重新开始。</translation>
    </message>
    <message>
        <source>Stopped early at epoch {0}; best epoch {2}&apos;s weights were restored. Untick Early stop or set patience above {1} to go on from them, or Reset to start over.</source>
        <translation>已在第 {0} 轮早停，并恢复了最佳轮次（第 {2} 轮）的权重。取消勾选“早停”或把耐心轮数设为大于 {1}，即可从这些权重继续；或按“重置”重新开始。</translation>
    </message>
    <message>
        <source>It also reached its limit of {0} epochs: raise Max epochs or tick no limit too.</source>
        <translation>它也已达到 {0} 轮的上限：还需调高“最大轮数”或勾选“不限”。</translation>
    </message>
    <message>
        <source>There is no run to save yet.</source>
        <translation>还没有可以保存的训练。</translation>
    </message>
</context>
<context>
    <name>WeightsImport</name>
    <message>
        <source>Weights (*.npz *.json *.csv);;All files (*)</source>
        <translation>权重文件 (*.npz *.json *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Import weights</source>
        <translation>导入权重</translation>
    </message>
    <message>
        <source>Cannot import weights</source>
        <translation>无法导入权重</translation>
    </message>
    <message>
        <source>Imported weights from {0}: the run starts over from them (Reset returns to them)</source>
        <translation>已从 {0} 导入权重：训练从这些权重重新开始（“重置”会回到这些权重）</translation>
    </message>
</context>
</TS>
