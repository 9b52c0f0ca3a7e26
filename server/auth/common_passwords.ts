/**
 * The most common passwords (worldwide leak lists, Brazilian ones, and the "complex" variants
 * that pass a character-class policy), refused for patients and staff on top of the length
 * rules. Compared case-insensitively: "Senha@123" is as guessable as "senha@123".
 */
const LIST = `
123456 1234567 12345678 123456789 1234567890 12345678910 0123456789 987654321 654321 123123
123321 112233 121212 111111 000000 666666 777777 888888 999999 123654 147258 147258369 159753
159357 741852 741852963 102030 10203040 123qwe qwe123 qweasd qwerty qwerty123 qwertyuiop
asdfgh asdfghjkl zxcvbnm 1q2w3e 1q2w3e4r 1q2w3e4r5t abc123 abcd1234 a1b2c3 aa123456 abcdef
password password1 password123 passw0rd p@ssw0rd p@ssword p@ssw0rd1 p@ssw0rd123 password@123
password@1234 password!123 iloveyou monkey dragon master letmein welcome welcome1 welcome@123
admin admin123 admin1234 admin@123 admin@1234 admin@12345 admin@2024 admin@2025 admin@2026
administrador root toor login 123mudar mudar123 mudar@123 mudar@1234 mudar@12345 mudar@2024
mudar@2025 mudar@2026 trocar123 trocar@123 senha senha1 senha12 senha123 senha1234 senha12345
senha123456 senha@123 senha@1234 senha@12345 senha@123456 senha#123 senha!123 senha2024
senha@2024 senha@2025 senha@2026 minhasenha minhasenha1 minhasenha123 segredo segredo123
brasil brasil123 brasil2024 brasil@123 brasil@2024 brasil@2025 brasil@2026 flamengo
flamengo123 corinthians corinthians123 palmeiras palmeiras123 saopaulo saopaulo123 vasco
vasco123 gremio gremio123 santos santos123 cruzeiro internacional botafogo fluminense
atletico bahia sport 10203040a amor amor123 amorzinho teamo teamo123 deus deus123 deusefiel
jesus jesus123 jesuscristo familia familia123 felicidade saudade princesa princesa123
gabriel gabriel123 lucas123 mateus123 maria maria123 joao123 ana123 pedro123 juliana123
beatriz123 rafael123 fernanda123 bruna123 carlos123 marcelo123 eduardo123 ubs123 saude
saude123 saude@123 sus123 prefeitura prefeitura123 prefeitura@123 hospital hospital123
clinica clinica123 agenda agenda123 agenda@123 consulta consulta123 medico medico123
paciente paciente123 usuario usuario123 usuario@123 teste teste123 teste@123 teste1234
test test123 abc@123 abc@1234 qwe@123 qwer@1234 qwerty@123 q1w2e3r4 q1w2e3r4t5 zaq12wsx
1qaz2wsx 1qaz@wsx football baseball superman batman princess sunshine shadow michael
jennifer trustno1 starwars whatever freedom charlie hello hello123 ninja azerty 000000000
11111111 1111111111 12341234 11223344 123456a 123456abc a123456 a12345678 q123456
senhaforte senhaforte1 senhaforte@123 senha.123 Senha.1234 empresa123 empresa@123
`;

const COMMON: ReadonlySet<string> = new Set(
  LIST.split(/\s+/).filter(Boolean).map((p) => p.toLowerCase()),
);

/** True for a password on the list (case-insensitive, surrounding blanks ignored). */
export function isCommonPassword(senha: string): boolean {
  return COMMON.has(senha.trim().toLowerCase());
}

export const SENHA_COMUM = "Esta senha é muito comum e fácil de adivinhar. Escolha outra.";
