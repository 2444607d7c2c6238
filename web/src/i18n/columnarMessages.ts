/** The #/eval page's words about columnar files (Parquet, Arrow IPC, .npz, safetensors). */
export const columnarMessages = {
  'eval.columnarFormats': {
    en: 'Parquet, Arrow IPC (.arrow, .feather), NumPy .npz and safetensors files are read too, one row group or batch at a time. When such a predictions file has a column named label (or labels), no labels file is needed: its floating-point columns are the predictions, and their names the classes.',
    zh: '也能读 Parquet、Arrow IPC（.arrow、.feather）、NumPy .npz 和 safetensors 文件，一次读一个行组或一批数据。这类预测文件若带有名为 label（或 labels）的列，就不必再给标签文件：其中的浮点列是预测，列名就是类别名。',
  },
} as const satisfies Record<string, { en: string; zh: string }>;
