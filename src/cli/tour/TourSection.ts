/** One stop of `xent tour`: a title and the text it prints (computed, never canned). */
export interface TourSection {
  title: string;
  render(): string;
}
