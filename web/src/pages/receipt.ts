import { graphql } from '../gql';
import { request } from '../api';
import { h, loading, show } from '../dom';
import { formatDateTime, t, tDynamic } from '../i18n';

const Receipt = graphql(`
  query Receipt($token: String!) {
    inputReceipt(token: $token) {
      title
      body
      status
      answer
      declineReason
      history {
        at
        status
      }
    }
  }
`);

/** What a submitter without an account sees of their input. */
export async function receiptPage(token: string): Promise<void> {
  loading(t('state.loading'));
  let receipt;
  try {
    receipt = (await request(Receipt, { token })).inputReceipt;
  } catch {
    show(h('h1', {}, t('receipt.title')), h('p', { role: 'alert', class: 'error' }, t('receipt.invalid')));
    return;
  }
  const answer = receipt.answer ?? receipt.declineReason;
  show(
    h('h1', {}, t('receipt.title'), ': ', receipt.title),
    h('p', {}, h('strong', {}, `${t('receipt.status')}: `), tDynamic(`status.${receipt.status}`)),
    h('blockquote', {}, receipt.body),
    h('h2', {}, t('receipt.answer')),
    answer ? h('p', { id: 'answer' }, answer) : h('p', { class: 'empty' }, t('receipt.noAnswer')),
    h('h2', {}, t('receipt.history')),
    h(
      'ol',
      {},
      receipt.history.map((step) => h('li', {}, `${formatDateTime(step.at)}: ${tDynamic(`status.${step.status}`)}`)),
    ),
  );
}
