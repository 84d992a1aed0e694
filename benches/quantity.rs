//! Throughput of the quantity recognizer on French news text, in bytes per second: one
//! article (≈ 2.4 KB, a number every ≈ 60 bytes) and a 1 MB batch of articles.
//! Run: `cargo bench --bench quantity`.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use frner::document::CharIndex;
use frner::quantity::find_quantities;

const ARTICLE: &str =
    "Le gouvernement a présenté mardi un plan de relance de 3,5 milliards d'euros, \
destiné à soutenir près de 12 000 entreprises touchées par la crise énergétique. Selon Bercy, \
le prix de l'électricité a bondi de 45 % en un an, et la facture moyenne d'un ménage atteint \
désormais 1 650 euros par an, contre 1 100 euros en 2021. « Nous mobilisons des moyens sans \
précédent », a déclaré le ministre, qui promet une baisse de 10 points de pourcentage d'ici \
septembre 2024. À Lyon, entre 3 000 et 4 000 personnes ont manifesté samedi, d'après la \
préfecture, tandis que les syndicats revendiquaient plus de 15 000 participants. Le cortège a \
parcouru environ 4 km sous une chaleur de 35 °C. Trois personnes ont été légèrement blessées \
et une dizaine d'interpellations ont eu lieu. Dans le Sud-Ouest, l'incendie a déjà ravagé \
2 000 hectares de forêt ; les pompiers, au nombre de quelque 800, luttent depuis trois jours \
contre des vents soufflant jusqu'à 70 km/h. Le parc solaire de Cestas, d'une puissance de \
300 MW, a dû être mis à l'arrêt. Le préfet a annoncé le 14 juillet la réouverture de l'A63. \
À la Bourse de Paris, le CAC 40 a reculé de 1,2 % à 7 250 points, tandis que l'once d'or \
s'échangeait à 1 950 dollars. La banque centrale a relevé son taux directeur de 0,25 point, \
à 4,5 %, pour la dixième fois consécutive. Les économistes tablent sur une inflation de 5 à 6 % \
cette année, et sur une croissance d'à peine 0,8 %. Le budget de la Défense atteindra 413 \
milliards d'euros sur la période 2024-2030, soit une hausse de près de 40 % par rapport à la loi \
précédente. Le programme prévoit l'achat de 185 chars Leclerc rénovés, de deux porte-avions et \
d'une vingtaine de frégates. En Ukraine, des dizaines de milliers de civils ont fui la région \
de Kharkiv ; l'ONU estime à 6,3 millions le nombre de réfugiés. Moscou affirme avoir abattu \
quatorze drones pendant la nuit. Au marathon de Berlin, le Kényan a bouclé les 42,195 km en \
2 h 01 min 09 s, améliorant le record de 30 secondes. Le vainqueur empoche 40 000 dollars de \
prime. La météo annonce pour demain des températures de -3 °C à 8 °C et jusqu'à 20 cm de \
neige en montagne. Le trafic SNCF reprendra à 6 h 30 ; 80 % des TGV circuleront.\n";

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("quantity");
    let article_index = CharIndex::new(ARTICLE);
    group.throughput(Throughput::Bytes(ARTICLE.len() as u64));
    group.bench_function("article", |b| {
        b.iter(|| find_quantities(black_box(ARTICLE), &article_index))
    });

    let batch = ARTICLE.repeat((1 << 20) / ARTICLE.len() + 1);
    let batch_index = CharIndex::new(&batch);
    group.throughput(Throughput::Bytes(batch.len() as u64));
    group.sample_size(20);
    group.bench_function("batch_1MB", |b| {
        b.iter(|| find_quantities(black_box(&batch), &batch_index))
    });
    // Building the CharIndex is the caller's cost, but it is paid once per document too.
    group.bench_function("batch_1MB_with_index", |b| {
        b.iter(|| {
            let index = CharIndex::new(black_box(&batch));
            find_quantities(&batch, &index)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
