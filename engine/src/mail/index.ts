export {
  isPermanentMailError,
  type MailAttachment,
  type Mailer,
  mailerOf,
  type OutgoingMail,
  smtpMailer,
} from './mailer.ts';
