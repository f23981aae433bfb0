// opencc-js ships its dictionaries as plain string modules without type declarations.
declare module 'opencc-js/dict/TSCharacters' {
  const dictionary: string;
  export default dictionary;
}
declare module 'opencc-js/dict/TWVariantsRev' {
  const dictionary: string;
  export default dictionary;
}
declare module 'opencc-js/dict/HKVariantsRev' {
  const dictionary: string;
  export default dictionary;
}
declare module 'opencc-js/dict/TSPhrases' {
  const dictionary: string;
  export default dictionary;
}
