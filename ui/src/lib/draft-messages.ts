/** The words of the draft review panel, in each language of the UI. */
import type { Language } from './url-state.js';

const en = {
  title: 'Draft from a document',
  hint: 'Paste a report, blog post or speaker list, or choose a PDF, DOCX, HTML or text file: people, organisations, events and relationships are proposed, each with its sentence.',
  text: 'Text of the document', file: 'Or a file', draft: 'Draft it',
  source: 'The source document', sourceTitle: 'Title of the source', publisher: 'Publisher', date: 'Date', url: 'Link', kind: 'Kind of source',
  document: 'The document', proposals: 'Proposals', relationships: 'Relationships',
  accept: 'Accept', name: 'Name', match: 'Is', asNew: 'a new node', ambiguous: 'Ambiguous: choose',
  commit: 'Commit all of it', workbook: 'Download as import workbook',
  committed: (nodes: number, rels: number) => `Committed: ${nodes} nodes, ${rels} relationships.`,
  rejected: (n: number) => `${n} rows rejected: nothing was written.`,
  problems: 'Problems', needSource: 'Give the source a title and publisher first.',
};

const km: typeof en = {
  title: 'សេចក្ដីព្រាងពីឯកសារ',
  hint: 'បិទភ្ជាប់របាយការណ៍ ឬជ្រើសឯកសារ PDF, DOCX, HTML ឬអត្ថបទ៖ មនុស្ស អង្គការ ព្រឹត្តិការណ៍ និងទំនាក់ទំនង ត្រូវបានស្នើ ជាមួយប្រយោគរបស់វា។',
  text: 'អត្ថបទឯកសារ', file: 'ឬឯកសារ', draft: 'ធ្វើសេចក្ដីព្រាង',
  source: 'ឯកសារប្រភព', sourceTitle: 'ចំណងជើងប្រភព', publisher: 'អ្នកបោះពុម្ព', date: 'កាលបរិច្ឆេទ', url: 'តំណ', kind: 'ប្រភេទប្រភព',
  document: 'ឯកសារ', proposals: 'សំណើ', relationships: 'ទំនាក់ទំនង',
  accept: 'ទទួលយក', name: 'ឈ្មោះ', match: 'គឺ', asNew: 'ថ្នាំងថ្មី', ambiguous: 'មិនច្បាស់៖ សូមជ្រើស',
  commit: 'បញ្ចូលទាំងអស់', workbook: 'ទាញយកជាសៀវភៅនាំចូល',
  committed: (nodes: number, rels: number) => `បានបញ្ចូល៖ ថ្នាំង ${nodes} ទំនាក់ទំនង ${rels}។`,
  rejected: (n: number) => `ជួរ ${n} ត្រូវបានបដិសេធ៖ គ្មានអ្វីត្រូវបានសរសេរទេ។`,
  problems: 'បញ្ហា', needSource: 'សូមផ្ដល់ចំណងជើង និងអ្នកបោះពុម្ពប្រភពជាមុនសិន។',
};

export const DRAFT_MESSAGES: Record<Language, typeof en> = { en, km };
