import { describe, expect, it } from 'vitest';
import { parsePosting } from '../../../src/language/index.js';
import type { PostedItem, Unit } from '../../../src/language/index.js';

type Quantity = [amount: number, unit: Unit] | null;

function item(
  source: string,
  name: string,
  quantity: Quantity,
  price: number | null,
  extra: Partial<Pick<PostedItem, 'stock' | 'outOfStock'>> = {},
): PostedItem {
  return {
    name,
    quantity: quantity && { amount: quantity[0], unit: quantity[1] },
    price,
    stock: extra.stock ?? null,
    outOfStock: extra.outOfStock ?? false,
    source,
  };
}

function onlyItem(text: string): PostedItem {
  const result = parsePosting(text);
  expect(result.unreadable).toEqual([]);
  expect(result.items).toHaveLength(1);
  return result.items[0] as PostedItem;
}

describe('parsePosting, the examples shopkeepers actually send', () => {
  it.each([
    ['beras 5kg 65rb', [item('beras 5kg 65rb', 'beras', [5, 'kg'], 65_000)]],
    [
      'minyak goreng 2L 34.000, gula 1kg 17rb dan telor 1kg 28',
      [
        item('minyak goreng 2L 34.000', 'minyak goreng', [2, 'l'], 34_000),
        item('gula 1kg 17rb', 'gula', [1, 'kg'], 17_000),
        item('telor 1kg 28', 'telur', [1, 'kg'], 28_000),
      ],
    ],
    ['beras habis', [item('beras habis', 'beras', null, null, { stock: 0, outOfStock: true })]],
    [
      'kopi kapal api 1 renteng 15,7rb stok 10',
      [item('kopi kapal api 1 renteng 15,7rb stok 10', 'kopi kapal api', [1, 'renteng'], 15_700, { stock: 10 })],
    ],
    ['Aqua 600ml 3rb sisa 3', [item('Aqua 600ml 3rb sisa 3', 'aqua', [600, 'ml'], 3_000, { stock: 3 })]],
    [
      'tepung terigu setengah kilo 6 ewu',
      [item('tepung terigu setengah kilo 6 ewu', 'tepung terigu', [0.5, 'kg'], 6_000)],
    ],
    ['gula sekilo 17 setengah', [item('gula sekilo 17 setengah', 'gula', [1, 'kg'], 17_500)]],
    ['sabun 1 dus 1,2jt', [item('sabun 1 dus 1,2jt', 'sabun', [1, 'dus'], 1_200_000)]],
    ['cabe 1 ons harga tanya', [item('cabe 1 ons harga tanya', 'cabe', [1, 'ons'], null)]],
    ['bawang merah 1/2 kg 20-25rb', [item('bawang merah 1/2 kg 20-25rb', 'bawang merah', [0.5, 'kg'], null)]],
    ['kerupuk goceng', [item('kerupuk goceng', 'kerupuk', null, 5_000)]],
    ['es teh gopek', [item('es teh gopek', 'es teh', null, 500)]],
    ['nasi pecel seceng', [item('nasi pecel seceng', 'nasi pecel', null, 1_000)]],
  ])('reads %j', (text, items) => {
    expect(parsePosting(text)).toEqual({ items, unreadable: [] });
  });
});

describe('parsePosting prices', () => {
  it.each([
    ['65rb', 65_000],
    ['65 rb', 65_000],
    ['65ribu', 65_000],
    ['65 ribu', 65_000],
    ['65rebu', 65_000],
    ['65k', 65_000],
    ['65K', 65_000],
    ['65.000', 65_000],
    ['65.000,-', 65_000],
    ['Rp65.000,-', 65_000],
    ['Rp 65.000', 65_000],
    ['Rp. 65.000', 65_000],
    ['rp.65000', 65_000],
    ['IDR 65000', 65_000],
    ['Rp 65rb', 65_000],
    ['65.000,00', 65_000],
    ['34,000', 34_000],
    ['1,2jt', 1_200_000],
    ['1.2 jt', 1_200_000],
    ['1jt', 1_000_000],
    ['2 juta', 2_000_000],
    ['15,7rb', 15_700],
    ['15.5rb', 15_500],
    ['1.250.000', 1_250_000],
    ['65000', 65_000],
    ['65 ewu', 65_000],
    ['seket ewu', 50_000],
    ['selawe ewu', 25_000],
    ['rong puluh ewu', 20_000],
    ['telung puluh ewu', 30_000],
    ['lima belas ribu', 15_000],
    ['dua puluh lima ribu', 25_000],
    ['gopek', 500],
    ['cepek', 100],
    ['seceng', 1_000],
    ['ceceng', 1_000],
    ['goceng', 5_000],
    ['ceban', 10_000],
    ['goban', 50_000],
    ['seribu', 1_000],
    ['500 perak', 500],
  ])('reads "beras 5kg %s" as Rp %i', (price, expected) => {
    expect(onlyItem(`beras 5kg ${price}`).price).toBe(expected);
  });

  // The rule: a number with no unit and no currency, standing after the product name, is the price;
  // below 1000 it counts in thousands, as price lists are written ("telur 28" = Rp 28.000).
  it.each([
    ['gula 1kg 17', 17_000],
    ['telur 28', 28_000],
    ['beras 5kg 65', 65_000],
    ['gula sekilo 17 setengah', 17_500],
    ['telur 27,5', 27_500],
    ['beras 5kg 65000', 65_000],
    ['gula 1kg 17.000', 17_000],
  ])('reads a bare number in price position, %j, as Rp %i', (text, expected) => {
    expect(onlyItem(text).price).toBe(expected);
  });

  it.each([
    ['a range', 'bawang merah 1/2 kg 20-25rb'],
    ['a range with both ends priced', 'gula 20rb-25rb'],
    ['a range with spaces', 'gula 20rb - 25rb'],
    ['a range in words', 'gula 20 sd 25rb'],
    ['a range with s/d', 'gula 20 s/d 25rb'],
    ['a range of full amounts', 'gula 20.000-25.000'],
    ['"harga tanya"', 'cabe 1 ons harga tanya'],
    ['"tanya harga"', 'cabe 1 ons tanya harga'],
    ['"nego"', 'beras 5kg nego'],
    ['"nego" after a price', 'beras 5kg 65rb nego'],
    ['"japri"', 'beras 5kg harga japri'],
    ['a lower bound', 'beras mulai 60rb'],
    ['an approximation', 'beras 65rb-an'],
    ['an approximation', 'beras 65an'],
    ['only a quantity', 'beras 5kg'],
    ['only a stock', 'beras stok 10'],
  ])('gives no price for %s: %j', (_why, text) => {
    expect(onlyItem(text).price).toBeNull();
  });

  it.each([
    ['a zero price', 'beras 0'],
    ['a zero price', 'beras Rp 0'],
    ['an absurd price', 'beras 200jt'],
    ['an absurd price', 'beras 150.000.000'],
    ['a price below the smallest coin', 'beras Rp 28'],
    ['a price below the smallest coin', 'beras 50 perak'],
    ['two prices', 'gula 1kg 17rb 18rb'],
    ['two bare numbers', 'gula 1kg 17 18'],
    ['a stray number beside a price', 'beras 5 65rb'],
    ['a stray number beside a price', 'kopi abc 3 in 1 15rb'],
    ['a bare number before the name', '5 beras'],
    ['a fraction with no unit', 'beras 1/2'],
    ['a size in a unit it does not know', 'kain 2 yard 50rb'],
    ['a bare number that could be rupiah or thousands', 'es teh 500'],
    ['a bare number that could be rupiah or thousands', 'beras 1 karung 300'],
  ])('sends %s to unreadable rather than guess: %j', (_why, text) => {
    expect(parsePosting(text)).toEqual({ items: [], unreadable: [text] });
  });
});

describe('parsePosting quantities', () => {
  it.each<[string, number, Unit]>([
    ['5kg', 5, 'kg'],
    ['5 kg', 5, 'kg'],
    ['5 kilo', 5, 'kg'],
    ['5 kh', 5, 'kg'],
    ['5KG', 5, 'kg'],
    ['sekilo', 1, 'kg'],
    ['setengah kilo', 0.5, 'kg'],
    ['seperempat kilo', 0.25, 'kg'],
    ['1/2 kg', 0.5, 'kg'],
    ['½ kg', 0.5, 'kg'],
    ['1½ kg', 1.5, 'kg'],
    ['1 1/2 kg', 1.5, 'kg'],
    ['2 setengah kilo', 2.5, 'kg'],
    ['sekilo setengah', 1.5, 'kg'],
    ['1,5kg', 1.5, 'kg'],
    ['1.5 kg', 1.5, 'kg'],
    ['dua kilo', 2, 'kg'],
    ['250gr', 250, 'g'],
    ['250 gram', 250, 'g'],
    ['2 ons', 2, 'ons'],
    ['1 liter', 1, 'l'],
    ['1ltr', 1, 'l'],
    ['1 lt', 1, 'l'],
    ['2L', 2, 'l'],
    ['600ml', 600, 'ml'],
    ['1.000 ml', 1000, 'ml'],
    ['1 bks', 1, 'bks'],
    ['1 bungkus', 1, 'bks'],
    ['10 pcs', 10, 'pcs'],
    ['1 biji', 1, 'pcs'],
    ['10 butir', 10, 'butir'],
    ['1 dus', 1, 'dus'],
    ['1 karung', 1, 'karung'],
    ['1 renteng', 1, 'renteng'],
    ['1 sak', 1, 'sak'],
    ['1 rak', 1, 'rak'],
    ['1 lusin', 1, 'lusin'],
    ['1 ikat', 1, 'ikat'],
    ['1 botol', 1, 'botol'],
    ['1 pack', 1, 'pack'],
  ])('reads "barang %s 10rb" as %d %s', (quantity, amount, unit) => {
    const read = onlyItem(`barang ${quantity} 10rb`);
    expect(read.quantity).toEqual({ amount, unit });
    expect(read.price).toBe(10_000);
  });

  it.each<[string, Unit, number]>([
    ['beras 13rb/kg', 'kg', 13_000],
    ['beras 13rb per kg', 'kg', 13_000],
    ['indomie 3rb/bks', 'bks', 3_000],
  ])('reads a price per unit, %j, as the price of one %s', (text, unit, price) => {
    expect(onlyItem(text)).toMatchObject({ quantity: { amount: 1, unit }, price });
  });

  it('does not take the pack contents ("isi 30") for a price', () => {
    expect(onlyItem('telur 1 rak isi 30 45rb')).toMatchObject({ quantity: { amount: 1, unit: 'rak' }, price: 45_000 });
  });
});

describe('parsePosting stock', () => {
  it.each([
    ['beras 65rb stok 10', 10],
    ['beras 65rb stock 10', 10],
    ['beras 65rb stok: 10', 10],
    ['beras 65rb sisa 3', 3],
    ['beras 65rb tinggal 2', 2],
    ['beras 65rb ada 5', 5],
    ['beras 65rb sisa 3 karung', 3],
  ])('reads the stock in %j as %i', (text, stock) => {
    expect(onlyItem(text)).toMatchObject({ stock, outOfStock: false, price: 65_000 });
  });

  it('reads "ada 5kg" as the size on offer, not a stock of five', () => {
    expect(onlyItem('beras ada 5kg 65rb')).toMatchObject({ quantity: { amount: 5, unit: 'kg' }, stock: null });
  });

  it.each([
    'beras habis',
    'beras kosong',
    'beras sold out',
    'beras SOLD OUT',
    'beras entek',
    'beras telas',
    'beras lagi kosong',
    'beras stok habis',
    'beras stok 0',
    'beras 5kg 65rb habis',
  ])('marks %j out of stock with stock 0', (text) => {
    expect(onlyItem(text)).toMatchObject({ name: 'beras', stock: 0, outOfStock: true });
  });
});

describe('parsePosting splitting a post into items', () => {
  it.each([
    ['lines', 'beras 5kg 65rb\ngula 1kg 17rb'],
    ['Windows lines', 'beras 5kg 65rb\r\ngula 1kg 17rb'],
    ['commas', 'beras 5kg 65rb, gula 1kg 17rb'],
    ['a comma with no space', 'beras 5kg 65rb,gula 1kg 17rb'],
    ['a comma after a comma-thousands price', 'beras 5kg 65,000, gula 1kg 17rb'],
    ['" dan "', 'beras 5kg 65rb dan gula 1kg 17rb'],
    ['" DAN "', 'beras 5kg 65rb DAN gula 1kg 17rb'],
    ['";"', 'beras 5kg 65rb; gula 1kg 17rb'],
    ['dash bullets', '- beras 5kg 65rb\n- gula 1kg 17rb'],
    ['dot bullets', '• beras 5kg 65rb\n• gula 1kg 17rb'],
    ['numbered lines', '1. beras 5kg 65rb\n2. gula 1kg 17rb'],
    ['numbered lines with parentheses', '1) beras 5kg 65rb\n2) gula 1kg 17rb'],
    ['blank lines between', '\n\nberas 5kg 65rb\n\n\ngula 1kg 17rb\n'],
    ['a new name after a price', 'beras 5kg 65rb gula 1kg 17rb'],
    ['a new name after "habis"', 'beras 5kg habis gula 1kg 17rb'],
  ])('splits on %s', (_how, text) => {
    const { items, unreadable } = parsePosting(text);
    expect(unreadable).toEqual([]);
    expect(items.map((i) => i.name)).toEqual(['beras', 'gula']);
  });

  it.each([
    ['a comma-thousands price', 'minyak 2L 34,000', 34_000],
    ['a decimal juta', 'sabun 1 dus 1,2jt', 1_200_000],
    ['a decimal ribu', 'kopi 1 renteng 15,7rb', 15_700],
    ['a decimal quantity', 'gula 1,5kg 25rb', 25_000],
    ['the ",-" after rupiah', 'beras Rp65.000,-', 65_000],
  ])('does not split inside %s', (_what, text, price) => {
    expect(onlyItem(text).price).toBe(price);
  });

  it('keeps items and unreadable fragments in the order written', () => {
    const result = parsePosting('Selamat pagi bu\nberas 5kg 65rb\n???\ntelor 1kg 28\nmonggo dipesan');
    expect(result.items.map((i) => [i.name, i.price])).toEqual([
      ['beras', 65_000],
      ['telur', 28_000],
    ]);
    // Greetings and "monggo dipesan" are talk around the goods, not products to ask about.
    expect(result.unreadable).toEqual(['???']);
  });

  it('returns the source of each item as written, without its bullet', () => {
    const result = parsePosting('- Beras 5KG Rp 65.000,- ; GULA 1kg 17rb');
    expect(result.items.map((i) => i.source)).toEqual(['Beras 5KG Rp 65.000,-', 'GULA 1kg 17rb']);
  });

  it('returns the source of each item when one line holds two', () => {
    const result = parsePosting('beras 5kg 65rb gula 1kg 17rb');
    expect(result.items.map((i) => i.source)).toEqual(['beras 5kg 65rb', 'gula 1kg 17rb']);
  });

  it('ignores divider lines made of bullets', () => {
    expect(parsePosting('beras 5kg 65rb\n-----\n• • •\ngula 1kg 17rb').unreadable).toEqual([]);
  });

  it('returns nothing for an empty post', () => {
    expect(parsePosting('')).toEqual({ items: [], unreadable: [] });
    expect(parsePosting(' \n\n ')).toEqual({ items: [], unreadable: [] });
  });
});

describe('parsePosting product names', () => {
  it.each([
    ['telor 1kg 28rb', 'telur'],
    ['bras 5kg 65rb', 'beras'],
    ['minyk goreng 1L 17rb', 'minyak goreng'],
    ['tepung trigu 1kg 12rb', 'tepung terigu'],
    ['gula pasir 1kg 17rb', 'gula pasir'],
    ['mie instan 3rb', 'mie instan'],
    ['mi goreng 3rb', 'mi goreng'],
    ['Minyak Goreng Bimoli 2 Liter Rp 34.000', 'minyak goreng bimoli'],
    ['Beras 5kg harga 65.000 ready', 'beras'],
    ['dijual beras 5kg cuma 65rb bu', 'beras'],
    ['5kg beras 65rb', 'beras'],
    ['kopi 3in1 1 renteng 15rb', 'kopi 3in1'],
    ['Ｂｅｒａｓ　５ｋｇ　６５ｒｂ', 'beras'],
    ['🍚 beras 5kg 65rb 🙏', 'beras'],
    ['*Beras* 5kg 65rb', 'beras'],
  ])('names %j %j', (text, name) => {
    expect(onlyItem(text).name).toBe(name);
  });

  it.each([
    ['no product at all', '???'],
    ['a price with no product', '65rb'],
    ['a quantity and price with no product', '10kg 125rb'],
    ['a product with nothing about it', 'beras'],
  ])('sends %s to unreadable: %j', (_why, text) => {
    expect(parsePosting(text)).toEqual({ items: [], unreadable: [text] });
  });

  it.each(['halo bu', 'Assalamualaikum', 'Selamat pagi ibu2', 'Monggo dipesan 🙏', 'Matur nuwun'])(
    'reads the greeting %j as talk: no item, nothing to ask about',
    (text) => {
      expect(parsePosting(text)).toEqual({ items: [], unreadable: [] });
    },
  );
});
